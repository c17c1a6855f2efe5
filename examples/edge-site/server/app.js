// An ordinary Express server: not edge code, so edgelint skips it.
const express = require('express');
const app = express();

app.get('/health', (req, res) => res.send('ok'));

function handler(req, res) {
  res.setHeader('X-Cache', 'MISS');
  res.end(process.env.GREETING || 'hello');
}

app.get('/', handler);
module.exports = app;
