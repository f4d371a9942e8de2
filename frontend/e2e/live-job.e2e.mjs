#!/usr/bin/env node
// Browser end-to-end check of the live job page, in headless Debian Chromium (playwright-core).
//
//   node frontend/e2e/live-job.e2e.mjs --url http://localhost:8080 --job sim-1234 --until-seq 12
//
// Opens the page, waits for the job in the active list, clicks it, prints
// "SUBSCRIBED job=<id> seq=<n>" once the replay has caught up (the caller may publish more events
// then), waits until the page shows every event from seq 1 up to --until-seq exactly once and in
// order, and saves a screenshot in frontend/test-results/. Exits 0 on success, 1 with a
// "FAIL: ..." line otherwise. CHROMIUM_PATH overrides /usr/bin/chromium.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function usage(message) {
  console.error(`FAIL: ${message}`);
  console.error('usage: live-job.e2e.mjs --url <base url> --job <job id> --until-seq <n> [--timeout-seconds 60]');
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        url: { type: 'string' },
        job: { type: 'string' },
        'until-seq': { type: 'string' },
        'timeout-seconds': { type: 'string', default: '60' },
      },
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}

const options = parseOptions();

const baseUrl = options.url ?? usage('--url is required');
const jobId = options.job ?? usage('--job is required');
const untilSeq = Number.parseInt(options['until-seq'] ?? '', 10);
if (!Number.isInteger(untilSeq) || untilSeq < 1) {
  usage('--until-seq must be a positive integer');
}
const timeoutMs = Number.parseInt(options['timeout-seconds'] ?? '', 10) * 1000;
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
  usage('--timeout-seconds must be a positive integer');
}
const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const screenshotName = `live-job-${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Reads the seqs of the event rows, in page order (control events have none). */
async function renderedSeqs(page) {
  return page.$$eval('[data-testid="event-row"]', (rows) =>
    rows.map((row) => row.getAttribute('data-seq')).filter((seq) => seq !== '').map(Number),
  );
}

/** Checks that the seqs are 1, 2, 3, ... with none missing, repeated or out of order. */
function checkOrder(seqs) {
  for (let i = 0; i < seqs.length; i++) {
    if (seqs[i] !== i + 1) {
      return `expected seq ${i + 1} at row ${i + 1} but found ${seqs[i]} (rendered: ${seqs.join(',')})`;
    }
  }
  return null;
}

async function run(page) {
  const step = (name) => console.log(`STEP ${name}`);
  page.setDefaultTimeout(timeoutMs);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      console.log(`BROWSER ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => console.log(`BROWSER pageerror: ${error.message}`));

  step(`open ${baseUrl}`);
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });

  step(`wait for job ${jobId} in the active list`);
  const item = page.locator(`[data-testid="job-item"][data-job-id="${jobId}"]`);
  await item.waitFor({ state: 'visible' }).catch(() => {
    throw new Error(`job ${jobId} did not appear in the active job list within ${timeoutMs / 1000}s`);
  });
  await item.click();

  step('wait for the replay to catch up');
  const detail = page.locator(`[data-testid="job-detail"][data-job-id="${jobId}"]`);
  await page.locator(`[data-testid="job-detail"][data-job-id="${jobId}"][data-caught-up="true"]`).waitFor().catch(async () => {
    const state = await detail.getAttribute('data-connection').catch(() => 'absent');
    throw new Error(`no replay_complete for ${jobId} within ${timeoutMs / 1000}s (connection: ${state})`);
  });
  console.log(`SUBSCRIBED job=${jobId} seq=${await detail.getAttribute('data-last-seq')}`);

  step(`wait for events up to seq ${untilSeq}`);
  await page
    .waitForFunction(
      ([id, until]) => {
        const element = document.querySelector(`[data-testid="job-detail"][data-job-id="${id}"]`);
        return element !== null && Number(element.getAttribute('data-last-seq')) >= until;
      },
      [jobId, untilSeq],
      { timeout: timeoutMs },
    )
    .catch(async () => {
      throw new Error(`page reached seq ${await detail.getAttribute('data-last-seq')}, not ${untilSeq}, within ${timeoutMs / 1000}s`);
    });

  const seqs = await renderedSeqs(page);
  const orderProblem = checkOrder(seqs);
  if (orderProblem) {
    throw new Error(orderProblem);
  }
  const status = await page.locator('[data-testid="job-status"]').textContent();
  console.log(`EVENTS job=${jobId} count=${seqs.length} last_seq=${seqs.at(-1)} status=${status}`);
}

const userDataDir = await mkdtemp(join(tmpdir(), 'pneumatic-e2e-'));
let exitCode = 0;
let context;
try {
  await mkdir(resultsDir, { recursive: true });
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await run(page);
    const file = join(resultsDir, `${screenshotName}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`OK job=${jobId} until_seq=${untilSeq} screenshot=${file}`);
  } catch (error) {
    exitCode = 1;
    const file = join(resultsDir, `${screenshotName}-failure.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`FAIL: ${error instanceof Error ? error.message : String(error)} (screenshot: ${file})`);
  }
} catch (error) {
  exitCode = 1;
  console.error(`FAIL: could not start Chromium: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await context?.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
