/**
 * The trusted Python program that runs inside the sandbox and executes cells. It is embedded as a
 * string (not a .py file) so that the compiled build needs no extra asset, and passed to
 * `python3 -c`. Host ⇄ driver protocol: each message is a 4-byte big-endian length followed by
 * UTF-8 JSON. The driver reads requests on fd 0 and answers on fd 1, then moves both to private
 * descriptors so that the user's code (and anything it spawns) writes to capture pipes instead.
 *
 * Startup: argv[1] is a JSON object of limits; the driver pre-imports the scientific stack,
 * applies rlimits, then sends {"ready": true, ...}. Requests: {"op": "run", "code", "timeoutMs"}.
 */
/** The driver program and its limits as argv (interpreter first). */
export function driverProgram(python: string, limits: object): string[] {
  return [python, "-E", "-s", "-B", "-c", DRIVER_SOURCE, JSON.stringify(limits)];
}

const DRIVER_SOURCE = String.raw`
import ast, base64, builtins, io, json, linecache, os, resource, select, signal, struct, sys, threading, traceback

LIMITS = json.loads(sys.argv[1])
CMD_IN = os.dup(0)
RES_OUT = os.dup(1)


def send(obj):
    data = json.dumps(obj).encode("utf-8")
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(RES_OUT, view):]


def read_exact(n):
    chunks = []
    while n:
        chunk = os.read(CMD_IN, n)
        if not chunk:
            os._exit(0)
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def receive():
    (size,) = struct.unpack(">I", read_exact(4))
    return json.loads(read_exact(size))


class Capture:
    """Collects what the cell writes to fd 1/2 (Python prints and child processes alike), keeping at
    most LIMITS['outputBytes'] per stream while reading, so a flood never piles up in memory."""

    def __init__(self):
        self.lock = threading.Lock()
        self.fds = {}
        for target in (1, 2):
            r, w = os.pipe()
            os.dup2(w, target)
            os.close(w)
            os.set_blocking(r, False)
            self.fds[r] = bytearray()
        self.order = list(self.fds)
        self.truncated = False
        threading.Thread(target=self.pump, daemon=True).start()

    def take(self, fd):
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return False
        buf = self.fds[fd]
        room = LIMITS["outputBytes"] - len(buf)
        if len(data) > room:
            self.truncated = True
        if room > 0:
            buf += data[:room]
        return bool(data)

    def pump(self):
        while True:
            ready, _, _ = select.select(self.order, [], [])
            with self.lock:
                for fd in ready:
                    self.take(fd)

    def reset(self):
        with self.lock:
            self.drain()
            for buf in self.fds.values():
                buf.clear()
            self.truncated = False

    def drain(self):
        for fd in self.order:
            while self.take(fd):
                pass

    def collect(self):
        with self.lock:
            self.drain()
            out, err = (bytes(self.fds[fd]).decode("utf-8", "replace") for fd in self.order)
            return out, err, self.truncated


class CellTimeout(BaseException):
    """Raised inside the cell by SIGALRM; a BaseException so a bare except Exception cannot swallow it."""


def on_alarm(signum, frame):
    raise CellTimeout()


def png_size(data):
    return struct.unpack(">II", data[16:24])


def grab_figures(into):
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for num in plt.get_fignums():
        fig = plt.figure(num)
        if len(into) >= LIMITS["maxFigures"]:
            into.append(None)
            continue
        width, height = fig.get_size_inches()
        dpi = min(fig.dpi, LIMITS["maxFigureSide"] / max(width, height, 0.01))
        buf = io.BytesIO()
        try:
            fig.savefig(buf, format="png", dpi=dpi)
        except Exception as err:
            print("figure %d could not be drawn: %s" % (num, err), file=sys.stderr)
            continue
        data = buf.getvalue()
        if len(data) > LIMITS["maxFigureBytes"]:
            print("figure %d is too large to return (%d bytes)" % (num, len(data)), file=sys.stderr)
            continue
        w, h = png_size(data)
        into.append({"png": base64.b64encode(data).decode("ascii"), "width": w, "height": h})
    plt.close("all")


PENDING_FIGURES = []


def show(*args, **kwargs):
    grab_figures(PENDING_FIGURES)


def user_frames(tb, filename):
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return tb


def format_error(err, filename):
    if isinstance(err, SyntaxError) and err.filename == filename:
        return "".join(traceback.format_exception_only(type(err), err))
    return "".join(traceback.format_exception(type(err), err, user_frames(err.__traceback__, filename)))


def clip(text):
    """Bounds an error message like the output streams (an exception can carry a huge message)."""
    limit = LIMITS["outputBytes"]
    if text is None or len(text) <= limit:
        return text
    return text[: limit // 2] + "\n[... %d characters cut ...]\n" % (len(text) - limit) + text[-limit // 2 :]


def run_cell(namespace, number, code, timeout_ms):
    filename = "<cell %d>" % number
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    error = None
    timed_out = False
    signal.setitimer(signal.ITIMER_REAL, max(timeout_ms, 1) / 1000.0)
    try:
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), namespace)
        if last is not None:
            value = eval(compile(last, filename, "eval"), namespace)
            if value is not None:
                print(repr(value))
    except CellTimeout:
        timed_out = True
        error = "TimeoutError: the cell ran longer than %g s and was stopped\n" % (timeout_ms / 1000.0)
    except BaseException as err:
        error = format_error(err, filename)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return clip(error), timed_out


def patch_pyplot(plt):
    plt.show = show


class PyplotHook:
    """Patches plt.show the moment matplotlib.pyplot is imported, for interpreters that did not
    pre-import it (started on demand, where waiting for every import would be slower)."""

    def find_spec(self, name, path, target=None):
        if name != "matplotlib.pyplot":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            patch_pyplot(module)

        spec.loader.exec_module = exec_module
        return spec


def preload():
    import numpy, sympy, scipy, scipy.optimize, scipy.integrate, scipy.stats, scipy.linalg, pandas  # noqa
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    patch_pyplot(plt)
    plt.figure().clf()
    plt.close("all")


def vm_size_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


# Address space the scientific stack takes once imported (measured ~470 MB), with headroom.
LIBRARY_ADDRESS_SPACE = 640 * 1024 * 1024


def apply_limits():
    mb = 1024 * 1024
    def cap(res, value):
        resource.setrlimit(res, (value, value))
    # Memory is the budget the cells get on top of the scientific libraries (imported now or later).
    libraries = 0 if LIMITS["preload"] else LIBRARY_ADDRESS_SPACE
    cap(resource.RLIMIT_AS, vm_size_bytes() + libraries + LIMITS["memoryMb"] * mb)
    cap(resource.RLIMIT_NPROC, LIMITS["maxProcesses"])
    cap(resource.RLIMIT_FSIZE, LIMITS["maxFileMb"] * mb)
    cap(resource.RLIMIT_NOFILE, 256)
    cap(resource.RLIMIT_CORE, 0)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cap(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + LIMITS["cpuSeconds"])


def main():
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    capture = Capture()
    sys.stdin = open(os.devnull)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True)
    if LIMITS["preload"]:
        preload()
    else:
        sys.meta_path.insert(0, PyplotHook())
    os.chdir(LIMITS["workdir"])
    apply_limits()
    signal.signal(signal.SIGALRM, on_alarm)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    streams = (sys.stdout, sys.stderr)
    send({"ready": True, "pid": os.getpid()})
    number = 0
    while True:
        request = receive()
        if request.get("op") != "run":
            continue
        number += 1
        sys.stdout, sys.stderr = streams
        capture.reset()
        del PENDING_FIGURES[:]
        error, timed_out = run_cell(namespace, number, request["code"], request["timeoutMs"])
        figures = PENDING_FIGURES[:]
        try:
            grab_figures(figures)
        except BaseException as err:
            print("figures could not be drawn: %r" % err, file=sys.stderr)
        dropped = sum(1 for f in figures if f is None)
        if dropped:
            print("[%d more figures were not returned: at most %d per cell]" % (dropped, LIMITS["maxFigures"]), file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        out, err, truncated = capture.collect()
        send({"stdout": out, "stderr": err, "error": error, "timedOut": timed_out, "truncated": truncated,
              "figures": [f for f in figures if f is not None]})


main()
`;
