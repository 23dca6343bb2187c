#!/usr/bin/env python3
"""Drives Debian's chromium, headless, through the lab dashboard as a tester would: the login form,
each page (a screenshot and what it shows), then the live page while an answer is delivered.
Talks to the browser over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
ended by NUL on file descriptors 3 and 4), so nothing but the standard library is needed.

Usage: dashboard_browser.py BASE_URL USER PASSWORD SCREENSHOT_DIR [-- COMMAND...]
COMMAND, if given, runs once the live page is open (it delivers an answer); the answer's arrival
on the page is then waited for. Prints one JSON object."""
import base64, json, os, subprocess, sys, time

base, user, password, shots = sys.argv[1:5]
command = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []

to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()
def child_fds():
    os.dup2(to_browser_r, 3)
    os.dup2(from_browser_w, 4)
browser = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--window-size=1280,1000",
     "--user-data-dir=" + os.path.join(shots, "profile"), "about:blank"],
    pass_fds=(3, 4), preexec_fn=child_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_browser_r); os.close(from_browser_w)
out = os.fdopen(to_browser_w, "wb", buffering=0)
inp = os.fdopen(from_browser_r, "rb", buffering=0)
buffer = b""
next_id = 0

def send(method, params=None, session=None):
    global next_id, buffer
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session: message["sessionId"] = session
    out.write(json.dumps(message).encode() + b"\0")
    while True:
        while b"\0" not in buffer:
            chunk = inp.read(65536)
            if not chunk: raise SystemExit("chromium closed the pipe")
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == next_id:
            if "error" in reply: raise SystemExit(f"{method}: {reply['error']}")
            return reply.get("result", {})

target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
send("Page.enable", session=session)

def evaluate(expression):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session)
    if "exceptionDetails" in result: raise SystemExit(f"{expression}: {result['exceptionDetails']}")
    return result["result"].get("value")

def wait_for(expression, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            value = evaluate(expression)
            if value: return value
        except SystemExit:
            pass
        time.sleep(0.05)
    return None

def open_page(path):
    send("Page.navigate", {"url": base + path}, session)
    time.sleep(0.1)
    wait_for("document.readyState === 'complete' && location.href")

def screenshot(name):
    data = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)["data"]
    with open(os.path.join(shots, name + ".png"), "wb") as f: f.write(base64.b64decode(data))

result = {"pages": {}}
open_page("/")
result["before_login"] = evaluate("location.pathname")
evaluate(f"""document.querySelector('input[name=name]').value = {json.dumps(user)};
             document.querySelector('input[name=password]').value = {json.dumps(password)};
             document.querySelector('form').submit(); true""")
time.sleep(0.3)
wait_for("document.readyState === 'complete' && location.pathname === '/'")
result["after_login"] = evaluate("location.pathname")
result["cookie_visible_to_scripts"] = evaluate("document.cookie.includes('inclusion_lab_session')")

for path, name in [("/lieux", "accessibility"), ("/usage", "usage"), ("/flotte", "fleet"), ("/couverture", "coverage"), ("/", "live")]:
    open_page(path)
    screenshot(name)
    result["pages"][name] = evaluate("""(() => ({
        title: document.querySelector('h2').textContent,
        tables: [...document.querySelectorAll('table')].map(t => ({id: t.id, rows: [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))})),
        figures: Object.fromEntries([...document.querySelectorAll('.figure')].map(e => [e.id, e.textContent])),
        sections: [...document.querySelectorAll('section[data-place]')].map(s => ({place: s.dataset.place, alert: !!s.querySelector('.alert')})),
        svg: document.querySelectorAll('svg rect').length,
        images: [...document.images].map(i => i.naturalWidth)
    }))()""")

if command:
    # The live page is open (the last one visited): it must say so before the answer is sent.
    result["live_status"] = wait_for("document.getElementById('lab-status').textContent.startsWith('En direct') && document.getElementById('lab-status').textContent")
    started = time.time()
    delivered = subprocess.run(command, capture_output=True, text=True)
    result["command_status"] = delivered.returncode
    arrived = wait_for("(() => { const r = document.querySelector('#latest tr[data-id]'); return r ? {id: r.dataset.id, latency_ms: Number(r.dataset.latencyMs), text: r.textContent} : null })()", 10)
    result["live_answer"] = arrived
    result["live_seconds_after_command"] = round(time.time() - started, 3)
    screenshot("live-after")

browser.terminate()
print(json.dumps(result))
