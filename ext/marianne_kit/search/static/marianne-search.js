/* marianne_kit (search/split_index.py): the search index loaded in parts, for the
 * query's words; Sphinx's searchtools.js runs the query. Comments: split_index.py. */
"use strict";
(() => {
  const script = document.currentScript;
  const headUrl = new URL(script.dataset.head, document.baseURI);
  const fullUrl = new URL(script.dataset.full, document.baseURI).href;
  let head = null;
  let complete = false; // the full searchindex.js was asked for
  const shards = new Map(); // key -> {version, data}

  window.MarianneSearchIndex = {
    setHead: (data) => {
      head = data;
    },
    addShard: (version, key, data) => {
      shards.set(key, { version, data });
    },
  };

  const loaded = new Map(); // url -> promise of its script having run
  const load = (url) => {
    if (!loaded.has(url))
      loaded.set(
        url,
        new Promise((resolve, reject) => {
          const element = document.createElement("script");
          element.src = url;
          element.onload = resolve;
          element.onerror = () => reject(new Error(`not loaded: ${url}`));
          document.head.appendChild(element);
        }),
      );
    return loaded.get(url);
  };

  /* split_index.shard_key and split_index.shard_file, on code points. */
  const shardKey = (word, split) => {
    const chars = Array.from(word);
    return chars.slice(0, split.includes(chars[0]) ? 2 : 1).join("");
  };
  const shardFile = (key) =>
    Array.from(key)
      .map((c) => (/^[a-z0-9]$/.test(c) ? c : `_${c.codePointAt(0).toString(16)}_`))
      .join("") + ".js";

  /* In key order: the whole index's word order. */
  const merged = () => {
    const index = { ...head.index, terms: {}, titleterms: {} };
    for (const key of head.shards) {
      const shard = shards.get(key);
      if (shard === undefined) continue;
      if (shard.version !== head.version) throw new Error(`shard ${key}: other build`);
      Object.assign(index.terms, shard.data.terms);
      Object.assign(index.titleterms, shard.data.titleterms);
    }
    return index;
  };

  const prepare = async (query) => {
    await load(headUrl.href);
    const [, searchTerms, excludedTerms] = Search._parseQuery(query);
    const keys = new Set(
      [...searchTerms, ...excludedTerms]
        .filter((word) => word)
        .map((word) => shardKey(word, head.split))
        .filter((key) => head.shards.includes(key)),
    );
    await Promise.all(
      [...keys].map((key) => load(new URL(`${shardFile(key)}?v=${head.version}`, headUrl).href)),
    );
    return merged();
  };

  Search.hasIndex = () => complete && Search._index !== null;
  Search.deferQuery = (query) => {
    Search._queued_query = query;
    if (complete) return; // searchindex.js calls Search.setIndex itself
    prepare(query).then(Search.setIndex, (error) => {
      console.warn(`search index: ${error.message}; loading the whole index`);
      complete = true;
      Search.loadIndex(fullUrl);
    });
  };
  window.MarianneSearchIndex.shardKey = shardKey;
  window.MarianneSearchIndex.shardFile = shardFile;
})();
