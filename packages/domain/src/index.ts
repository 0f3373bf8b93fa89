export * from './access/roles';
export * from './org/scope';
export * from './money';
export * from './time/shanghai';
export * from './property/sort-key';
export * from './metering';
export * from './billing';
export * from './work-orders';
