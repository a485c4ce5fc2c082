// Waits until a URL answers 200: node scripts/wait-for-url.mjs URL [PID] [SECONDS]
// Fails when the process PID (the server being waited for) exits first, or
// after SECONDS (default 120).
const [url, pid, seconds = "120"] = process.argv.slice(2);
if (!url) {
  console.error("Usage: wait-for-url.mjs URL [PID] [SECONDS]");
  process.exit(2);
}

function alive(id) {
  try {
    process.kill(Number(id), 0);
    return true;
  } catch {
    return false;
  }
}

const deadline = Date.now() + Number(seconds) * 1000;
let last = "no answer";
while (Date.now() < deadline) {
  if (pid && !alive(pid)) {
    console.error(`The server (pid ${pid}) exited before ${url} answered.`);
    process.exit(1);
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (response.status === 200) process.exit(0);
    last = `status ${response.status}`;
  } catch (error) {
    last = error.cause?.code ?? error.message;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.error(`${url} did not answer 200 within ${seconds} s (last: ${last}).`);
process.exit(1);
