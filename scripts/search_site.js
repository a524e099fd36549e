// Query a built site's search index the way its search page does, from the command line.
//
//   node scripts/search_site.js build/site 差额选举 换届选举规则
//
// Loads the site's own scripts (documentation_options.js, doctools.js, sphinx_highlight.js,
// searchtools.js, language_data.js, then searchindex.js) into a sandbox with a minimal stand-in
// for the browser, runs Search._parseQuery and Search._performSearch for each query and prints
// one JSON object: query -> {terms: the words the query was split into, pages: the pages found,
// best first}. Used by tests/unit/test_docs_site.py; needs Node.js only.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: node search_site.js SITE_DIR QUERY...");
  process.exit(2);
}

const storage = new Map();
const sandbox = {
  console,
  URLSearchParams,
  localStorage: {
    getItem: (k) => (storage.has(k) ? storage.get(k) : null),
    setItem: (k, v) => storage.set(k, String(v)),
    removeItem: (k) => storage.delete(k),
  },
  document: {
    readyState: "loading", // page scripts wait for DOMContentLoaded, which never comes here
    addEventListener: () => {},
    getElementById: () => null,
    querySelectorAll: () => [],
    querySelector: () => null,
  },
  location: { search: "" },
};
sandbox.window = sandbox;
vm.createContext(sandbox);

const scripts = [
  "_static/documentation_options.js",
  "_static/doctools.js",
  "_static/sphinx_highlight.js",
  "_static/searchtools.js",
  "_static/base-stemmer.js",
  "_static/english-stemmer.js",
  "_static/language_data.js",
  "searchindex.js",
];
for (const rel of scripts) {
  const file = path.join(site, rel);
  if (!fs.existsSync(file)) continue; // stemmer files exist only for some languages
  vm.runInContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
}

const answer = vm.runInContext(
  `(queries) => {
    const out = {};
    for (const q of queries) {
      const parsed = Search._parseQuery(q);
      const results = Search._performSearch(...parsed);
      const pages = [];
      for (const r of results.slice().reverse()) {
        if (!pages.includes(r[0])) pages.push(r[0]);
      }
      out[q] = { terms: [...parsed[1]], pages };
    }
    return JSON.stringify(out);
  }`,
  sandbox,
)(queries);
process.stdout.write(answer + "\n");
