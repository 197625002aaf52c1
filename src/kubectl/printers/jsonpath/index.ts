export * from './parser';
export * from './evaluate';
