// Stand-in for the "server-only" marker package when unit tests import db/ modules in Node.
export {};
