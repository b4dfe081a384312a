// The search page's script (campaign_search): results from the Pagefind index of the page's
// language (Pagefind picks it from <html lang>), shown as the visitor types. Loaded only by
// theme/templates/search.html; everything comes from this site, nothing is sent anywhere.
// The words it shows come from the page (data-text-* attributes, from the catalogs).

const form = document.querySelector(".search-form");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const limit = Number(form.dataset.limit) || 10;
const TYPING_PAUSE = 150; // ms without a key press before a search starts

let loading = null; // Pagefind, imported and set up once, whichever search asks first
let latest = 0; // number of the latest search; older answers are dropped

function text(name, values = {}) {
  return form.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function load() {
  loading ??= (async () => {
    const pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({
      baseUrl: form.dataset.baseUrl,
      excerptLength: 24,
      // a match in the title or the summary (data-pagefind-meta in entry_base.html) lifts a
      // page above pages that only mention the words: "report" finds the Report it page
      ranking: { metaWeights: { title: 5, summary: 3 } },
    });
    await pagefind.init();
    return pagefind;
  })();
  return loading;
}

// Pagefind's excerpt is text with <mark> around the matched words: rebuilt from text nodes
// and <mark> elements only, so nothing else of it can become markup.
function excerpt(html) {
  const paragraph = document.createElement("p");
  paragraph.className = "search-result-excerpt";
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function element(tag, className, content) {
  const node = document.createElement(tag);
  node.className = className;
  if (content) node.textContent = content;
  return node;
}

function result(data) {
  const item = element("li", "search-result");
  const meta = data.meta || {};
  if (meta.image_srcset) {
    const picture = element("img", "search-result-image");
    picture.src = meta.image;
    picture.srcset = meta.image_srcset;
    picture.sizes = "6rem";
    picture.alt = ""; // the title says what the result is
    picture.loading = "lazy";
    item.append(picture);
  }
  const heading = element("h2", "search-result-title");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (meta.section) item.append(element("p", "search-result-section", meta.section));
  item.append(excerpt(data.excerpt || ""));
  return item;
}

function show(query, results) {
  list.replaceChildren(...results.map(result));
  list.dataset.query = query; // what the results are for
  list.hidden = results.length === 0;
  status.textContent = results.length
    ? text("textCount", { count: results.length })
    : text("textNone", { query });
}

async function search(query, { now = false } = {}) {
  const number = ++latest;
  const term = query.trim();
  const address = new URL(window.location.href);
  if (term) address.searchParams.set("q", term);
  else address.searchParams.delete("q");
  window.history.replaceState(null, "", address);
  if (!term) {
    delete list.dataset.query;
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = text("textSearching");
  try {
    const engine = await load();
    const found = now
      ? await engine.search(term)
      : await engine.debouncedSearch(term, {}, TYPING_PAUSE);
    if (found === null || number !== latest) return; // a newer search replaced this one
    const results = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
    if (number !== latest) return;
    show(term, results);
  } catch (error) {
    if (number !== latest) return;
    list.hidden = true;
    list.dataset.query = term;
    status.textContent = text("textUnavailable");
    console.warn("search:", error);
  }
}

function focusFirstResult() {
  const first = list.querySelector("a");
  if (first) first.focus();
}

input.addEventListener("input", () => search(input.value));
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && !list.hidden) {
    event.preventDefault();
    focusFirstResult();
  }
});
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await search(input.value, { now: true });
  focusFirstResult();
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial, { now: true });
}
