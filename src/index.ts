export * from './recipe';
export * from './component';
export * from './workflow';
export * from './infrastructure-configuration';
export * from './image-recipe';
export * from './container-recipe';
export * from './distribution-configuration';
