/** Base class of every error the kernel throws for misuse of its API. */
export class KernelError extends Error {
  override readonly name: string = 'KernelError';
}

/** An event was triggered or subscribed in a direction its port type does not allow. */
export class PortDirectionError extends KernelError {
  override readonly name = 'PortDirectionError';
}

/** A configuration value is missing or invalid. */
export class ConfigError extends KernelError {
  override readonly name = 'ConfigError';
}
