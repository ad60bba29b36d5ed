export * from './HttpTransport';
export * from './HttpAnswer';
export * from './createTokenProvider';
export * from './httpStatusError';
export * from './isJsonSuccess';
export * from './parseRetryAfter';
export * from './scrubSecrets';
export * from './scrubError';
