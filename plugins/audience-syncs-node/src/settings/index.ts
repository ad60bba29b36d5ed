export * from './isHttpUrl';
export * from './readBaseUrl';
export * from './readRequiredString';
export * from './readTimeoutMs';
export * from './readWholeNumber';
export * from './secretSettingValues';
export * from './isLoopbackHttpUrl';
export * from './readOAuthCredentials';
