'use strict';
// restify 11 loads spdy at start-up, and spdy loads http-deceiver, whose first line asks Node for
// process.binding('http_parser'): gone in Node 24, so the original stops the process before it serves
// anything (restify/node-restify#1984). spdy only calls create() for a server made with restify's `spdy`
// option, which Dealbot never passes (src/http/server.ts): so this stand-in loads everywhere and refuses,
// loudly, the one use it cannot serve. See docs/decisions.md for what ends it.
exports.create = function create() {
  throw new Error('SPDY is not served: restify was created with the spdy option, which Dealbot does not support');
};
