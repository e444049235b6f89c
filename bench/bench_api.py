"""Latency of every HTTP API endpoint, and the network view in a real browser.

    python bench/bench_api.py --db /tmp/tehran10k.sqlite                  # the whole 10k corpus
    python bench/bench_api.py --db /tmp/bench1k.sqlite --limit 1000       # a quick run

When the store at --db does not exist yet it is built first by the real ingest
(`newsgraph ingest CORPUS --db DB [--limit N] [--workers W]`, which takes a while for the
whole corpus: build it once, then reuse it). The server runs for real (`newsgraph serve`
in a subprocess); each endpoint is called `--repeat` times over one keep-alive connection
after a warm-up call, and the median and 95th percentile are printed beside the target
(300 ms at the median) and beside a floor measured in the same run (a static file: the
cost of HTTP itself). The network and contested endpoints keep their answers per question
until the store changes (and compute the web app's first ones at start-up), so they are
measured twice: answered from that cache, and computed anew (`Cache-Control: no-cache`).

Then, unless --no-browser, Debian's headless Chromium opens the network of the top
`--top` actors (default 2,000) and reports the time to the first WebGL frame, the frame
rate while ForceAtlas2 runs in its worker, and the time from a click on the most
mentioned actor to its page. With --screenshots DIR it saves network.png, actor.png (the
most mentioned person), article.png and map.png there (docs/img for the README).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS, machine  # noqa: E402

TARGET_MS = 300.0
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def build_store(db: Path, corpus: Path, limit: int | None, workers: int) -> None:
    if not corpus.is_file():
        sys.exit(f"benchmark skipped: {corpus} is absent (the shared evaluation data is not here)")
    command = ["newsgraph", "ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--quiet", "--json"]
    if limit:
        command += ["--limit", str(limit)]
    print(f"building the store: {' '.join(command)}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(f"  built in {time.perf_counter() - started:,.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    import httpx

    process = subprocess.Popen(["newsgraph", "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api", timeout=5)
            return process
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"newsgraph serve did not start: {process.stderr.read() if process.poll() is not None else 'timeout'}")
            time.sleep(0.3)


def measure(client, method: str, path, params=None, body=None, repeat: int = 20) -> dict:
    """Median and p95 in ms of `repeat` calls after one warm-up; `path` may be a function of
    the call's index (for calls that must differ)."""
    def call(i: int):
        url = path(i) if callable(path) else path
        args = params(i) if callable(params) else params
        if method == "GET":
            return client.get(url, params=args)
        if method == "GET!":  # computed anew, not answered from the server's cache
            return client.get(url, params=args, headers={"cache-control": "no-cache"})
        return client.post(url, json=body)

    first_started = time.perf_counter()
    first = call(-1)
    first_ms = (time.perf_counter() - first_started) * 1000
    times, statuses = [], {first.status_code}
    for i in range(repeat):
        started = time.perf_counter()
        response = call(i)
        times.append((time.perf_counter() - started) * 1000)
        statuses.add(response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"first_ms": first_ms, "median_ms": statistics.median(times), "p95_ms": p95, "statuses": sorted(statuses),
            "bytes": len(first.content)}


def pick(client) -> dict:
    """Real values from the store to ask about: the top actor, a speaker, a document..."""
    info = client.get("/api").json()
    top = client.get("/api/actors", params={"limit": 1}).json()["items"][0]
    quotes = client.get("/api/quotes", params={"limit": 50}).json()["items"]
    speaker = next((q["speaker_id"] for q in quotes if q["speaker_id"]), top["id"])
    document = client.get("/api/documents", params={"limit": 1, "status": "analysed"}).json()["items"][0]["id"]
    places = client.get("/api/places", params={"limit": 1}).json()
    country = places[0]["country"] if places else (top.get("country") or "IRN")
    people = client.get("/api/actors", params={"limit": 1, "type": "person"}).json()["items"]
    return {"info": info, "top": top, "speaker": speaker, "document": document, "country": country,
            "person": people[0]["id"] if people else top["id"]}


def endpoint_table(client, values: dict, repeat: int, top: int) -> list[tuple[str, dict]]:
    actor, speaker, document, country = values["top"]["id"], values["speaker"], values["document"], values["country"]
    name = values["top"]["name"].split()[0].lower()
    rows = [
        ("floor: GET /static/app.css (HTTP only)", ("GET", "/static/app.css", None)),
        ("GET /api (stats)", ("GET", "/api", None)),
        ("GET /api/documents", ("GET", "/api/documents", {"limit": 50})),
        ("GET /api/documents?offset=5000", ("GET", "/api/documents", {"limit": 50, "offset": 5000})),
        ("GET /api/documents/{id}", ("GET", f"/api/documents/{document}", None)),
        ("GET /api/actors", ("GET", "/api/actors", {"limit": 50})),
        ("GET /api/actors?q=", ("GET", "/api/actors", {"q": name[:4], "limit": 50})),
        ("GET /api/actors?type=person&country=", ("GET", "/api/actors", {"type": "person", "country": country, "limit": 50})),
        ("GET /api/actors/{top actor}", ("GET", f"/api/actors/{actor}", None)),
        ("GET /api/actors/{top actor}/timeline", ("GET", f"/api/actors/{actor}/timeline", None)),
        ("GET /api/quotes", ("GET", "/api/quotes", {"limit": 50})),
        ("GET /api/quotes?speaker=", ("GET", "/api/quotes", {"speaker": speaker, "limit": 50})),
        ("GET /api/quotes?about={top actor}", ("GET", "/api/quotes", {"about": actor, "limit": 50})),
        ("GET /api/quotes?q= (full text)", ("GET", "/api/quotes", {"q": "nuclear talks", "limit": 50})),
        ("GET /api/events", ("GET", "/api/events", {"limit": 50})),
        ("GET /api/events?actor={top actor}", ("GET", "/api/events", {"actor": actor, "limit": 50})),
        ("GET /api/events?quad_class=4&since=", ("GET", "/api/events", {"quad_class": 4, "since": "2020-01-01", "limit": 50})),
        ("GET /api/events?country=", ("GET", "/api/events", {"country": country, "limit": 50})),
        ("GET /api/events?bbox=", ("GET", "/api/events", {"bbox": "44,25,75,40", "limit": 50})),
        ("GET /api/places", ("GET", "/api/places", None)),
        ("GET /api/places?quad_class=4", ("GET", "/api/places", {"quad_class": 4})),
        ("GET /api/network?top=500 (cached)", ("GET", "/api/network", {"top": 500})),
        (f"GET /api/network?top={top} (cached)", ("GET", "/api/network", {"top": top})),
        (f"GET /api/network?top={top} (computed)", ("GET!", "/api/network", {"top": top})),
        (f"GET /api/network?type=ASSAULT&top={top} (computed)", ("GET!", "/api/network", {"top": top, "type": "ASSAULT"})),
        (f"GET /api/network?event_country=&top={top} (computed)", ("GET!", "/api/network", {"top": top, "event_country": country})),
        ("GET /api/contested (cached)", ("GET", "/api/contested", {"limit": 50})),
        ("GET /api/contested?offset=1000 (cached)", ("GET", "/api/contested", {"limit": 50, "offset": 1000})),
        ("GET /api/contested (computed)", ("GET!", "/api/contested", {"limit": 50})),
        ("GET /api/search?q=", ("GET", "/api/search", {"q": "border security", "limit": 20})),
        ("POST /api/analyze (one 80-word text)", ("POST", "/api/analyze", None)),
    ]
    text = ("TEHRAN - Iranian Foreign Minister met his Pakistani counterpart in Islamabad on Monday to discuss border "
            "security and trade. \"We will not allow any group to use our soil against our neighbours,\" he told "
            "reporters. Pakistan's army said on Sunday that militants attacked a checkpoint in North Waziristan, "
            "killing two soldiers, and the Taliban denied any role in the attack.")
    out = []
    for label, (method, path, params) in rows:
        result = measure(client, method, path, params, body={"text": text, "date": "2023-05-08"}, repeat=repeat)
        out.append((label, result))
        print(f"  {label:<52} median {result['median_ms']:8.1f} ms   p95 {result['p95_ms']:8.1f} ms   "
              f"first {result['first_ms']:8.1f} ms   {result['bytes']:>9,} B   {result['statuses']}", flush=True)
    return out


def browser_check(base: str, top_actor: str, top: int, screenshots: Path | None, document: str, person: str) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return {"skipped": f"no Chromium at {chromium} (apt-get install -y chromium)"}
    out: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_default_timeout(120_000)
        started = time.perf_counter()
        page.goto(f"{base}/network?top={top}")
        page.wait_for_selector(".network-view[data-state='rendered']")
        out["network_first_render_wall_ms"] = (time.perf_counter() - started) * 1000
        timings = page.evaluate("() => window.newsgraphNetwork.timings")
        out.update({"network_nodes": timings["nodes"], "network_edges": timings["edges"],
                    "network_fetch_ms": timings["fetch"], "network_first_render_ms": timings["firstRender"]})
        # frames drawn per second while the layout runs (the page must stay smooth)
        out["fps_during_layout"] = page.evaluate("""() => new Promise((resolve) => {
            let frames = 0; const start = performance.now();
            const tick = () => { frames++; if (performance.now() - start < 2000) requestAnimationFrame(tick); else resolve(frames / ((performance.now() - start) / 1000)); };
            requestAnimationFrame(tick); })""")
        try:
            page.wait_for_selector(".network-view[data-layout='done']", timeout=180_000)
            out["network_layout_done_ms"] = page.evaluate("() => window.newsgraphNetwork.timings.layoutDone")
        except Exception:
            out["network_layout_done_ms"] = None
            page.click(".sidebar button:has-text('Stop layout')")
        if screenshots:
            page.wait_for_timeout(500)
            page.screenshot(path=str(screenshots / "network.png"))
        point = page.evaluate(f"() => window.newsgraphNetwork.nodePosition({json.dumps(top_actor)})")
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(200)
        clicked = time.perf_counter()
        page.mouse.click(point["x"], point["y"])
        page.wait_for_selector("body[data-ready='actor']")
        out["click_to_actor_page_ms"] = (time.perf_counter() - clicked) * 1000
        out["clicked_actor"] = page.locator("h1.actor-name").inner_text().strip()
        if screenshots:  # the page of the most mentioned person: names and roles over time
            page.goto(f"{base}/actors/{person}")
            page.wait_for_selector("body[data-ready='actor']")
            page.wait_for_timeout(800)
            page.screenshot(path=str(screenshots / "actor.png"))
            page.goto(f"{base}/documents/{document}")
            page.wait_for_selector("body[data-ready='article']")
            page.screenshot(path=str(screenshots / "article.png"))
            page.goto(f"{base}/map")
            page.wait_for_selector("body[data-ready='map']")
            page.screenshot(path=str(screenshots / "map.png"))
        out["page_errors"] = errors
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the store (built from the corpus when absent)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="ingest only the first N articles when building the store")
    parser.add_argument("--workers", type=int, default=1, help="ingest workers when building the store")
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per endpoint")
    parser.add_argument("--top", type=int, default=2000, help="actors in the network view")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--screenshots", type=Path, help="save screenshots here (e.g. docs/img)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()

    import httpx

    if not args.db.exists():
        build_store(args.db, args.corpus, args.limit, args.workers)
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=300) as client:
            while client.get("/api").json().get("warming"):  # measure a quiet server
                time.sleep(0.5)
            values = pick(client)
            stats = values["info"]["stats"]
            print(f"machine: {machine()}")
            print(f"store: {args.db} — {stats['documents']:,} documents, {stats['actors']:,} actors, "
                  f"{stats['quotes']:,} quotes, {stats['events']:,} events, {stats['edges']:,} daily edges")
            print(f"{args.repeat} calls per endpoint after one warm-up (target: median under {TARGET_MS:.0f} ms)")
            results = endpoint_table(client, values, args.repeat, args.top)
        slow = [label for label, r in results if r["median_ms"] > TARGET_MS and not label.startswith("POST")]
        errors = [label for label, r in results if any(status >= 400 for status in r["statuses"])]
        print(f"endpoints over {TARGET_MS:.0f} ms at the median: {', '.join(slow) if slow else 'none'}")
        if errors:
            print(f"endpoints that answered an error: {', '.join(errors)}")
        browser = {}
        if not args.no_browser:
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
            print(f"browser: the network of the top {args.top:,} actors")
            browser = browser_check(base, values["top"]["id"], args.top, args.screenshots, values["document"], values["person"])
            for key, value in browser.items():
                print(f"  {key:<32} {value if not isinstance(value, float) else f'{value:,.1f}'}")
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), "stats": stats, "endpoints": dict(results),
                                             "browser": browser}, indent=2, default=str))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
