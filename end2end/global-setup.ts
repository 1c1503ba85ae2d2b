// Waits for the server that scripts/test.sh started: it may still be migrating.
export default async function globalSetup() {
  const base = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server at ${base} did not become ready within 60 s`);
}
