// Stands in for the front's CSS imports under Jest, which has no bundler to load them.
export default {};
