/** Where Slack delivers events in HTTP mode, on the receiver's own port or the web page's server. */
export const EVENTS_PATH = "/slack/events";
