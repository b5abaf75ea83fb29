"""Reading the built site in a browser: how the browser tier starts Chromium, Firefox and WebKit,
opens pages as readers do, and watches what they should never see (tests/browser/conftest.py has
the fixtures).

Chromium is driven by Playwright. Firefox (Debian's ESR) and WebKit (WebKitGTK, Safari's engine)
cannot be, here: Playwright's own builds of them do not install, and its WebDriver BiDi mode asks
Firefox ESR for a command it lacks (emulation.setMediaFeaturesOverride). They are driven by the
standard protocols instead, WebDriver BiDi for Firefox and WebDriver for WebKit, through a page
with the few methods of Playwright's `Page` that the tests use (`EnginePage`): one test reads
the same in every engine."""

import contextlib
import functools
import html
import http.server
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import urllib3
import websocket
from selenium import webdriver
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.command import Command
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.webkitgtk.options import Options as WebKitOptions
from selenium.webdriver.webkitgtk.service import Service as WebKitService

from statement_site.source.text import squeeze

# As root, and on a machine with no network but the local server (DEVELOPERS.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}

# The page's scripts have run: they load after the first paint (overrides/partials/javascripts/
# bundle.html), Material's bundle first, then the site's share controls (overrides/assets/javascripts/).
SCRIPTS_READY = """() => !!document.getElementById("share-status")
  && !!document.querySelector("meta[name=color-scheme]")"""

# Until the page's transitions and animations are over; one cancelled (the bundle, mounting,
# restyles an element mid-transition) is over too, not an error.
ANIMATIONS_SETTLED = "Promise.all(document.getAnimations().map(a => a.finished.catch(() => {})))"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def firefox_path():
    return os.environ.get("FIREFOX_PATH") or shutil.which("firefox-esr") or shutil.which("firefox")


def webkit_driver_path():
    """WebKitGTK's WebDriver, which starts WebKitGTK's MiniBrowser; it draws in a window, on a
    virtual display (Xvfb)."""
    return shutil.which("Xvfb") and shutil.which("WebKitWebDriver")


class Watch:
    """What a page did that a reader should never see: errors, and requests to any host other
    than the local server."""

    def __init__(self, base_url, collect=None):
        self.base_url = base_url
        self.errors, self.foreign = [], []
        self.collect = collect or (lambda: None)  # what the engine tells only when asked

    def requested(self, url):
        if not url.startswith((self.base_url, "data:", "blob:", "about:")):
            self.foreign.append(url)

    def assert_clean(self):
        self.collect()
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests to other hosts: {self.foreign}"


class PageWatch(Watch):
    """In Chromium: console errors, failed requests, and requests to other hosts."""

    def __init__(self, page, base_url):
        super().__init__(base_url)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # A request the browser cancels because the test moves on (the theme's bundle, still
        # loading after the page's `load`) is no failure a reader would see.
        page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: self.requested(r.url))


def until(condition, timeout=10_000, what="the condition"):
    """Wait for a condition checked from here, as a reader who waits a moment (at most `timeout` ms)."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not true within {timeout} ms")
        time.sleep(0.05)


def open_ready(page, url):
    """Open a page and wait until its scripts have run, as a reader who waits a moment."""
    page.goto(url)
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)


def in_view_below_header(page, selector):
    """The element is entirely in the viewport and not under the sticky header; one too tall
    for the space under the header and the theme's scroll margin starts right below it."""
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const header = document.querySelector(".md-header").getBoundingClientRect();
            const target = document.querySelector(":target") || document.querySelector(selector);
            const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
            const fits = box.height <= innerHeight - Math.max(header.bottom, margin);
            return box.top >= header.bottom - 1 && (fits ? box.bottom <= innerHeight : box.top < header.bottom + 100);
        }""",
        selector,
    )


# -- What readers do and see, in any engine (a Playwright page or an EnginePage) -----------

DRAWER = ".md-header label[for=__drawer]"
SHOWN = "selector => !!document.querySelector(selector)?.getClientRects().length"
# How far the page reaches past the right edge of the space it has (the window, less a scroll
# bar that takes room, as Firefox's does), and what in the article does.
SIDEWAYS = """() => { const width = document.documentElement.clientWidth;
  return [document.documentElement.scrollWidth - width,
          [...document.querySelectorAll("article *")]
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .map(e => e.tagName + (e.id ? "#" + e.id : ""))]; }"""


def without_images(text):
    """A part's words without its images, which the model reads as "[image: alt]"."""
    return squeeze(re.sub(r"\[image: [^\]]*\]", " ", text))


def use_controls(page, shareable):
    """The palette toggle, the share control where the page has one (`shareable`: its model has
    a part with an ID of an editor's; a page of headings the build named has some too), and on
    a phone the navigation drawer."""
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.click("[data-md-component=palette] label:not([hidden])")
    assert page.evaluate("() => document.body.dataset.mdColorScheme") != scheme, "the palette toggle did nothing"
    shares = page.evaluate("() => document.querySelectorAll('a.share-link').length")
    assert shares or not shareable, "no share control on a page with parts to share"
    if shares:
        page.hover("a.share-link")
        page.click("a.share-link")
        page.wait_for_function("() => document.getElementById('share-status')?.textContent.trim()")
    if page.evaluate(SHOWN, DRAWER):
        page.click(DRAWER)
        page.wait_for_function("() => document.getElementById('__drawer').checked")


# -- Firefox and WebKit: a page like Playwright's, over WebDriver's protocols -----------------

# WebDriver's characters for the named keys the tests press (the W3C WebDriver key table).
KEYS = {"Enter": "\ue007", "Tab": "\ue004", "Shift": "\ue008", "Control": "\ue009"}

# Where a reader would point at an element: its middle, once scrolled to the middle of the screen.
POINT_AT = """selector => {
  const element = document.querySelector(selector);
  element.scrollIntoView({block: "center", inline: "center"});
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}"""


class EnginePage:
    """The part of Playwright's `Page` the engine-neutral tests use, over a WebDriver protocol;
    input goes through the engine's own input actions (the same W3C action sequences in both
    protocols), as a reader's would. Subclasses say how to navigate, run a script and act."""

    def __init__(self, watch):
        self.watch = watch
        self.keyboard = Keyboard(self)

    def evaluate(self, function, arg=None):
        """Call a JavaScript function with an argument, as Playwright does: its result, awaited,
        through JSON."""
        result = self.run(f"({function})({json.dumps(arg)})")
        return None if result is None else json.loads(result)

    def wait_for_function(self, function, *, arg=None, timeout=10_000):
        until(lambda: self.evaluate(function, arg), timeout, function)

    def hover(self, selector):
        self.point(selector)

    def click(self, selector):
        self.point(selector, {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0})

    def point(self, selector, *then):
        x, y = self.evaluate(POINT_AT, selector)
        move = {"type": "pointerMove", "x": x, "y": y}
        self.perform({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [move, *then]})

    # What each protocol does its own way.
    def goto(self, url):
        raise NotImplementedError

    @property
    def url(self):
        raise NotImplementedError

    def run(self, call):
        """The value of a call in the page, awaited, as JSON (None for `undefined`)."""
        raise NotImplementedError

    def perform(self, *sources):
        """W3C input action sequences, one per input source."""
        raise NotImplementedError

    def close(self):
        raise NotImplementedError


class Keyboard:
    def __init__(self, page):
        self.page = page

    def press(self, keys):
        """A key or a chord, named as Playwright names them: "Enter", " ", "Control+v"."""
        values = [KEYS.get(key, key) for key in (keys.split("+") if len(keys) > 1 else [keys])]
        actions = [{"type": "keyDown", "value": v} for v in values] + [{"type": "keyUp", "value": v} for v in reversed(values)]
        self.page.perform({"type": "key", "id": "keyboard", "actions": actions})


# -- Firefox, over WebDriver BiDi ---------------------------------------------------------


class Bidi:
    """A WebDriver BiDi session over a WebSocket: each command waits for its answer; the events
    that arrive meanwhile go to the listener of their browsing context."""

    def __init__(self, url):
        # Firefox refuses a connection that names an origin it was not told to allow.
        self.socket = websocket.create_connection(url, suppress_origin=True, timeout=60)
        self.ids = itertools.count(1)
        self.listeners = {}  # browsing context -> function(method, params)
        self.send("session.new", capabilities={})

    def send(self, method, **params):
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if message["type"] == "error":
                    raise RuntimeError(f"{method}: {message['error']}: {message['message']}")
                return message["result"]
            if message.get("type") == "event":
                params = message["params"]
                context = params.get("context") or params.get("source", {}).get("context")
                if listener := self.listeners.get(context):
                    listener(message["method"], params)

    def close(self):
        self.socket.close()


def drain(stream):
    for _ in stream:
        pass


@contextlib.contextmanager
def firefox(profile, prefs):
    """Debian's Firefox, headless, with these preferences (it reads them when it starts): a
    WebDriver BiDi session."""
    profile.mkdir(parents=True)
    (profile / "user.js").write_text(
        "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items()),
        encoding="utf-8",
    )
    command = [firefox_path(), "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", str(profile)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in process.stderr:
            if listening := re.search(r"WebDriver BiDi listening on (ws://\S+)", line):
                break
        else:
            raise RuntimeError(f"Firefox stopped before it listened (exit code {process.wait()})")
        # Firefox goes on writing to its log: read on, so that it never waits on a full pipe.
        threading.Thread(target=drain, args=[process.stderr], daemon=True).start()
        bidi = Bidi(listening[1] + "/session")
        try:
            yield bidi
        finally:
            with contextlib.suppress(Exception):
                bidi.send("browser.close")
            bidi.close()
    finally:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        process.kill()
        process.wait()


class FirefoxPage(EnginePage):
    """A tab in a user context of its own (its own storage, as a Playwright context has)."""

    def __init__(self, bidi, base_url, viewport, javascript=True):
        # The events sent so far arrive before the answer to any command.
        super().__init__(Watch(base_url, collect=lambda: self.run("0")))
        self.bidi = bidi
        self.user_context = bidi.send("browser.createUserContext")["userContext"]
        self.context = bidi.send("browsingContext.create", type="tab", userContext=self.user_context)["context"]
        # Where the page runs no script, the tests' own run in a sandbox, which sees the same
        # document; no promise settles there, so their calls are not awaited.
        self.javascript = javascript
        self.target = {"context": self.context} if javascript else {"context": self.context, "sandbox": "test"}
        bidi.listeners[self.context] = self.heard
        bidi.send("session.subscribe", events=["log.entryAdded", "network.beforeRequestSent"], contexts=[self.context])
        bidi.send("browsingContext.setViewport", context=self.context, viewport=viewport)

    def heard(self, method, params):
        if method == "log.entryAdded" and params["level"] == "error":
            self.watch.errors.append(params["text"])
        elif method == "network.beforeRequestSent":
            self.watch.requested(params["request"]["url"])

    def add_init_script(self, script):
        """Run a script in every document of this tab before its own (Playwright's name)."""
        self.bidi.send("script.addPreloadScript", functionDeclaration=f"() => {{ {script} }}", contexts=[self.context])

    def goto(self, url):
        self.bidi.send("browsingContext.navigate", context=self.context, url=url, wait="complete")

    @property
    def url(self):
        return self.evaluate("() => location.href")

    def run(self, call):
        answer = self.bidi.send(
            "script.callFunction",
            functionDeclaration=f"async () => JSON.stringify(await {call})"
            if self.javascript
            else f"() => JSON.stringify({call})",
            target=self.target,
            awaitPromise=self.javascript,
        )
        if answer["type"] == "exception":
            raise RuntimeError(answer["exceptionDetails"]["text"])
        return answer["result"].get("value")

    def perform(self, *sources):
        self.bidi.send("input.performActions", context=self.context, actions=list(sources))

    def close(self):
        del self.bidi.listeners[self.context]
        self.bidi.send("browser.removeUserContext", userContext=self.user_context)


# -- WebKit, over WebDriver ---------------------------------------------------------------

# WebDriver in WebKitGTK reports no console: errors are watched from the moment it says the page
# has loaded. The loader fetches the site's scripts only then, so theirs are seen; one thrown
# before goes unseen here (Chromium's and Firefox's watches see it).
WATCH_ERRORS = """() => {
  window.errorsSeen = [];
  addEventListener("error", (e) => errorsSeen.push(e.message || `failed: ${e.target.src || e.target.href}`), true);
  addEventListener("unhandledrejection", (e) => errorsSeen.push(String(e.reason)));
}"""
# Nor does it report requests: the page's resource timing lists what the page fetched.
ERRORS_AND_REQUESTS = """() => [window.errorsSeen || [],
  performance.getEntriesByType("resource").map((r) => r.name)]"""


@contextlib.contextmanager
def virtual_display():
    """An X display of its own (Xvfb), for WebKitGTK's windows."""
    read, write = os.pipe()
    command = ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1920x1200x24"]
    xvfb = subprocess.Popen(command, pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = numbers.readline().strip()
    try:
        if not display:
            raise RuntimeError(f"Xvfb did not start (exit code {xvfb.wait()})")
        yield f":{display}"
    finally:
        xvfb.terminate()
        xvfb.wait()


def narrow_windows(folder):
    """GTK settings under which a MiniBrowser window may be as narrow as a phone's screen: its
    toolbar's address entry and buttons otherwise hold it 447 px wide."""
    css = folder / "gtk-3.0" / "gtk.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text("entry, button { min-width: 0; padding: 0; margin: 0; }\n", encoding="utf-8")
    return folder


def webkit(environment, args, tries=2):
    """WebKitGTK's WebDriver and a session in a new MiniBrowser. The driver waits for ever for a
    browser that quits as it starts (a run of the tier on this busy machine once hung so, its
    MiniBrowser gone): each command is bounded, and a start that times out is tried once more."""
    options = WebKitOptions()
    for arg in ["--automation", *args]:  # arguments given replace the driver's own
        options.add_argument(arg)
    service = WebKitService(executable_path=webkit_driver_path(), env=environment)
    service.start()
    try:
        bounded = RemoteConnection(client_config=ClientConfig(remote_server_addr=service.service_url, timeout=60))
        return service, webdriver.Remote(bounded, options=options)
    except urllib3.exceptions.ReadTimeoutError:
        service.stop()
        if tries == 1:
            raise
        return webkit(environment, args, tries - 1)
    except Exception:
        service.stop()
        raise


class WebKitPage(EnginePage):
    """A MiniBrowser window of its own (its own storage), sized so that the page's viewport is
    `viewport`; `args` are MiniBrowser's (`--dark-mode`, `--enable-javascript=false`)."""

    def __init__(self, environment, base_url, viewport, args):
        super().__init__(Watch(base_url, collect=self.collect))
        self.service, self.driver = webkit(environment, args)
        try:
            # The window's toolbar takes some of its height: grow it by what the page lacks.
            self.driver.set_window_size(viewport["width"], viewport["height"])
            inner = self.evaluate("() => [innerWidth, innerHeight]")
            self.driver.set_window_size(2 * viewport["width"] - inner[0], 2 * viewport["height"] - inner[1])
        except Exception:
            self.driver.quit()
            raise

    def collect(self):
        errors, requests = self.evaluate(ERRORS_AND_REQUESTS)
        self.watch.errors += errors
        for url in requests:
            self.watch.requested(url)

    def goto(self, url):
        self.driver.get(url)
        self.evaluate(WATCH_ERRORS)

    @property
    def url(self):
        return self.driver.current_url

    def run(self, call):
        done, value = self.driver.execute_async_script(
            f"""const done = arguments[arguments.length - 1];
                (async () => JSON.stringify(await {call}))()
                  .then((json) => done([true, json ?? null]), (error) => done([false, String(error)]));"""
        )
        if not done:
            raise RuntimeError(value)
        return value

    def perform(self, *sources):
        self.driver.execute(Command.W3C_ACTIONS, {"actions": list(sources)})

    def close(self):
        self.driver.quit()
        self.service.stop()


# -- A server that hears every engine's policy reports ----------------------------------

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')
REPORTS = "/policy-reports"


class ReportingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site, each page's own policy repeated in a report-only header whose reports
    come back here: a <meta> policy blocks what it forbids but has nowhere to report it, and
    every engine sends a header's reports the same way."""

    def end_headers(self):
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() else path
        if page.suffix == ".html" and page.is_file():
            if policy := POLICY.search(page.read_text(encoding="utf-8")):
                self.send_header("Content-Security-Policy-Report-Only", f"{html.unescape(policy[1])}; report-uri {REPORTS}")
        super().end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == REPORTS:
            self.server.reports.append(json.loads(body)["csp-report"])
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_reporting(directory):
    """Serve a built site on 127.0.0.1, on a free port: (its address, the policy reports heard)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ReportingHandler, directory=str(directory)))
    server.reports = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", server.reports
    finally:
        server.shutdown()


# -- The engines: a page at a width, in a palette, with or without JavaScript, on a phone -------


class Chromium:
    """Debian's Chromium, driven by Playwright: each page in a context of its own."""

    def __init__(self, browser):
        self.browser = browser

    @contextlib.contextmanager
    def page(self, base_url, viewport, dark=False, javascript=True, phone=False):
        context = self.browser.new_context(
            viewport=viewport,
            color_scheme="dark" if dark else "light",
            java_script_enabled=javascript,
            has_touch=phone,
            is_mobile=phone,
        )
        page = context.new_page()
        page.watch = PageWatch(page, base_url)
        try:
            yield page
        finally:
            context.close()


class Firefox:
    """Debian's Firefox ESR over WebDriver BiDi, which has no command for the colour scheme,
    scripting or the pointer: Firefox takes them as preferences when it starts, so there is
    one Firefox for each setting a test asks for, each page in a user context of its own."""

    def __init__(self, folder, stack):
        self.folder, self.stack = folder, stack
        self.sessions = {}  # (dark, javascript, phone) -> Bidi

    @contextlib.contextmanager
    def page(self, base_url, viewport, dark=False, javascript=True, phone=False):
        setting = (dark, javascript, phone)
        if setting not in self.sessions:
            prefs = {"layout.css.prefers-color-scheme.content-override": 0 if dark else 1, "javascript.enabled": javascript}
            if phone:  # a finger for a pointer (Gecko's "coarse" capability), and Web Share, as on Android
                prefs |= {"ui.primaryPointerCapabilities": 1, "ui.allPointerCapabilities": 1, "dom.webshare.enabled": True}
            profile = self.folder / f"profile-{len(self.sessions)}"
            self.sessions[setting] = self.stack.enter_context(firefox(profile, prefs))
        page = FirefoxPage(self.sessions[setting], base_url, viewport, javascript)
        try:
            yield page
        finally:
            page.close()


class WebKit:
    """WebKitGTK's MiniBrowser over WebDriver, on a virtual display: a window for each page.
    WebKitGTK emulates no touch screen: it has no phone but its width."""

    def __init__(self, display, gtk_settings):
        self.environment = {**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(gtk_settings)}

    @contextlib.contextmanager
    def page(self, base_url, viewport, dark=False, javascript=True, phone=False):
        assert not phone, "WebKitGTK emulates no touch screen"
        args = ["--dark-mode"] * dark + ["--enable-javascript=false"] * (not javascript)
        page = WebKitPage(self.environment, base_url, viewport, args)
        try:
            yield page
        finally:
            page.close()
