export * from './locale';
export * from './t';
