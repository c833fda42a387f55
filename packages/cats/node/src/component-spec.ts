import type { ComponentDefinition, DefinitionClass } from '@kompics/kernel';

/**
 * A child component to build: its class and constructor arguments. How a {@link CatsNode} is
 * handed parts an app chooses (its store, its failure detector) without the app reaching into
 * the composite's construction.
 */
export interface ComponentSpec<D extends ComponentDefinition = ComponentDefinition> {
  readonly definition: DefinitionClass<D>;
  readonly args: readonly unknown[];
}

/** A {@link ComponentSpec} whose arguments are checked against the class's constructor. */
export function componentSpec<C extends DefinitionClass>(
  definition: C,
  ...args: ConstructorParameters<C>
): ComponentSpec<InstanceType<C>> {
  return { definition: definition as unknown as DefinitionClass<InstanceType<C>>, args };
}
