// compromise_bench.mjs: what compromise does per article (people, places,
// organisations, quotations, dates via its core), timed on the same JSONL as ties.
//   node bench/node/compromise_bench.mjs FILE.jsonl MAX_MB
import fs from 'node:fs';
import readline from 'node:readline';
import nlp from 'compromise';

const [file, maxMbArg] = process.argv.slice(2);
const maxBytes = (Number(maxMbArg) || 5) * 1e6;
const texts = [];
let bytes = 0;
const rl = readline.createInterface({ input: fs.createReadStream(file) });
for await (const line of rl) {
  if (!line.trim()) continue;
  const text = JSON.parse(line).text || '';
  texts.push(text);
  bytes += Buffer.byteLength(text);
  if (bytes >= maxBytes) break;
}
const start = process.hrtime.bigint();
let found = 0;
for (const text of texts) {
  const doc = nlp(text);
  found += doc.people().out('array').length + doc.places().out('array').length +
           doc.organizations().out('array').length + doc.quotations().out('array').length;
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ articles: texts.length, mb: bytes / 1e6, secs, mb_per_s: bytes / 1e6 / secs,
                             articles_per_s: texts.length / secs, found }));
