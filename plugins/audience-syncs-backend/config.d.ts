export interface Config {
  /** Configuration of the Audience Syncs plugin. */
  audienceSyncs?: {};
}
