/** Puppeteer must never download its own Chrome: papersmith uses the system Chromium (SPEC §4). */
module.exports = { skipDownload: true };
