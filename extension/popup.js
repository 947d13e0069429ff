// procguard popup: the current tab's findings (customer lookup comes with the plan card).
const api = globalThis.chrome;

async function main() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const key = `result:${tab?.id ?? -1}`;
  const stored = await api.storage.session.get(key);
  const entry = stored[key];
  const summary = document.getElementById('tab-summary');
  const list = document.getElementById('tab-findings');
  if (!entry?.result?.page) { summary.textContent = 'procguard checks nothing on this tab.'; return; }
  const findings = entry.result.findings || [];
  summary.textContent = `${entry.result.page.kind}: ${findings.length} finding(s)${entry.result.holds_checkout ? ', the order is held' : ''}.`;
  for (const f of findings) {
    const li = document.createElement('li');
    li.textContent = `${f.severity.toUpperCase()} ${f.message}`;
    li.title = f.id;
    list.append(li);
  }
}

main();
