export * from './audit';
export * from './auth';
export * from './org';
export * from './parties';
export * from './residents';
export * from './staff';
export * from './metering';
export * from './billing';
