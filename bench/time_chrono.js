// chrono-node throughput on the articles listed in argv[2] (one path per line).
const fs = require("fs");
const path = require("path");
const chrono = require(path.join(__dirname, "time_node", "node_modules", "chrono-node"));
const files = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
const texts = files.map((f) => new TextDecoder("utf-8", { fatal: false }).decode(fs.readFileSync(f)));
const ref = new Date("2005-06-01T12:00:00Z");
let found = 0;
for (const t of texts) found += chrono.parse(t, ref).length;
const start = process.hrtime.bigint();
let docs = 0;
while (Number(process.hrtime.bigint() - start) / 1e9 < 2) {
  for (const t of texts) chrono.parse(t, ref);
  docs += texts.length;
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`chrono-node: ${texts.length} articles, ${found} dates found`);
console.log(`chrono-node docs/s: ${(docs / secs).toFixed(1)}`);
