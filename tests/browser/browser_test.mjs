// Browser tests of the viewer and the report in headless Debian Chromium, driven by
// playwright-core. Usage:
//   node browser_test.mjs viewer OPENSAM RUN_DIR ARTIFACT_DIR
//   node browser_test.mjs report REPORT.html ARTIFACT_DIR [SCREENSHOT_NAME]
// Fails (exit 1) on any console error, any request off 127.0.0.1 (viewer) or off the disk
// (report), or a page that does not show what the run holds. Saves a screenshot of each page.
import { spawn } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../web/package.json"));
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.OPENSAM_CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
  "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage", "--disable-quic",
  "--no-first-run", "--disable-sync"];

const failures = [];
const began = Date.now();
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what} [${((Date.now() - began) / 1000).toFixed(1)} s]`);
  if (!ok) failures.push(what);
};

async function openPage(allowed) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
  const errors = [];
  const outside = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!allowed(r.url())) outside.push(r.url()); });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  return { browser, page, errors, outside };
}

/// Starts `opensam view DIR --port 0` and resolves with the address it prints.
function serve(opensam, dir) {
  const child = spawn(opensam, ["view", dir, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ child, url: m[0] });
    });
    child.on("exit", (code) => reject(new Error(`opensam view exited with ${code}: ${out}`)));
  });
}

async function viewer(opensam, dir, artifacts) {
  const expected = JSON.parse(readFileSync(path.join(dir, "scenario.czml"), "utf8")).length - 1;
  const { child, url } = await serve(opensam, dir);
  check(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), `opensam view prints its address (${url})`);
  const { browser, page, errors, outside } = await openPage((u) => /^(blob:)?http:\/\/127\.0\.0\.1:/.test(u));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.opensamStatus && (window.opensamStatus.ready || window.opensamStatus.error),
      null, { timeout: 180000 });
    const status = await page.evaluate(() => window.opensamStatus);
    check(status.error === null, `the run loads (${status.error})`);
    check(status.entities === expected, `Cesium holds every CZML packet: ${status.entities} entities, ${expected} expected`);
    check(status.events > 0, `the event list has ${status.events} events`);
    const clock = () => page.evaluate(() => Cesium.JulianDate.secondsDifference(
      window.opensamViewer.clock.currentTime, window.opensamViewer.clock.startTime));
    // The clock moves with the render loop: give a loaded machine's software renderer time.
    const t0 = await clock();
    await page.waitForFunction((from) => Cesium.JulianDate.secondsDifference(window.opensamViewer.clock.currentTime,
      window.opensamViewer.clock.startTime) > from + 5, t0, { timeout: 60000 }).catch(() => {});
    const t1 = await clock();
    check(t1 > t0, `the clock runs: ${t0.toFixed(1)} s, then ${t1.toFixed(1)} s`);
    // A click on the first kill (or leak) in the list jumps the clock there.
    const item = page.locator("#events li.killed, #events li.leaked").first();
    const target = Number(await item.getAttribute("data-time"));
    await page.evaluate(() => { window.opensamViewer.clock.shouldAnimate = false; });
    await item.dispatchEvent("click");
    const t2 = await clock();
    check(Math.abs(t2 - target) < 0.01, `a click on an event moves the clock to it: ${t2.toFixed(2)} s, ${target} s expected`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(artifacts, "viewer-3d.png") });
    await page.locator("#mode").dispatchEvent("click");
    await page.waitForFunction(() => window.opensamViewer.scene.mode === Cesium.SceneMode.SCENE2D, null, { timeout: 30000 });
    check(true, "the 2-D map mode switches");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(artifacts, "viewer-2d.png") });
  } finally {
    await browser.close();
    child.kill();
  }
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(outside.length === 0, `no request leaves 127.0.0.1${outside.length ? ": " + outside.slice(0, 5).join(" ") : ""}`);
}

async function report(file, artifacts, shot) {
  file = path.resolve(file);
  const { browser, page, errors, outside } = await openPage((u) => u.startsWith("file://") || u.startsWith("data:"));
  try {
    await page.goto("file://" + file);
    await page.waitForFunction(() => window.opensamReport && window.opensamReport.ready, null, { timeout: 60000 });
    const charts = await page.evaluate(() => window.opensamReport.charts);
    const canvases = await page.evaluate(() => [...document.querySelectorAll("canvas")].map((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) ++painted;
      return { id: c.id, painted };
    }));
    check(charts === canvases.length && charts >= 3, `the report renders ${charts} charts for ${canvases.length} canvases`);
    for (const c of canvases) check(c.painted > 1000, `chart ${c.id} is drawn (${c.painted} pixels)`);
    await page.screenshot({ path: path.join(artifacts, shot || "report.png"), fullPage: true });
  } finally {
    await browser.close();
  }
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(outside.length === 0, `no request leaves the disk${outside.length ? ": " + outside.slice(0, 5).join(" ") : ""}`);
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === "viewer") {
    mkdirSync(args[2], { recursive: true });
    await viewer(args[0], args[1], args[2]);
  } else if (mode === "report") {
    mkdirSync(args[1], { recursive: true });
    await report(args[0], args[1], args[2]);
  } else {
    throw new Error(`unknown mode '${mode}'`);
  }
} catch (e) {
  check(false, String(e));
}
process.exit(failures.length ? 1 : 0);
