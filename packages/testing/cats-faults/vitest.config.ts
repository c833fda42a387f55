import { mergeConfig } from 'vitest/config';
import shared from '../../../vitest.shared.ts';

// These tests run clusters of real processes: one file at a time, or two clusters fight for
// the cores and every timing stretches.
export default mergeConfig(shared, { test: { fileParallelism: false } });
