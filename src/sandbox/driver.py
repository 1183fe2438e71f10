"""The trusted program that runs inside the sandbox and executes cells.

The host reads this file and passes it to `python3 -c` (no host path is visible inside the
sandbox). Wire format both ways: frames of a 4-byte big-endian length and a body. Request bodies
are JSON; a reply is one JSON frame, followed by one raw PNG frame per figure it declares. The
driver reads requests on fd 0 and answers on fd 1 (or on one socket when forked from the zygote),
then moves the channel to private descriptors so that the user's code (and anything it spawns)
writes to capture pipes instead.

The host trusts none of this: cells run in this very process and can rewrite any of it. Every
limit applied here is applied again on the host; the driver's copies only keep an honest session
from doing work the host would throw away.

Startup: argv[1] is a JSON object of limits. The driver makes its private mounts, drops every
privilege, installs the seccomp filter, pre-imports the scientific stack (or hooks pyplot), and
sends {"ready": true}. Requests: {"op": "run", "id", "code", "timeoutMs"} and
{"op": "file", "id", "name"} followed by one raw frame with the file's bytes.
"""
import ast
import builtins
import ctypes
import errno
import gc
import io
import json
import linecache
import logging
import os
import random
import resource
import select
import signal
import struct
import sys
import threading
import time
import traceback

LIMITS = json.loads(sys.argv[1])
# The channel to the host, set by the entry point (process pipes or a zygote socket).
CMD_IN = RES_OUT = -1
SCRATCH = "/tmp"
# Attachments: a tmpfs of the session's own under bubblewrap, a host dir without isolation.
DATA = LIMITS["dataDir"]


class NoFontCacheNote(logging.Filter):
    """Drops matplotlib's "building the font cache" note: a fresh session's home has no cache, and on a
    busy machine the build outlasts matplotlib's 5 s timer, so the note would reach the student as if
    their code had said something. matplotlib's other warnings (a missing font, say) still do."""

    def filter(self, record):
        return not str(record.msg).startswith("Matplotlib is building the font cache")


logging.getLogger("matplotlib.font_manager").addFilter(NoFontCacheNote())


def send_bytes(data):
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(RES_OUT, view):]


def send(obj):
    send_bytes(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def read_exact(n):
    chunks = []
    while n:
        chunk = os.read(CMD_IN, min(n, 1 << 20))
        if not chunk:
            os._exit(0)
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def receive_bytes():
    (size,) = struct.unpack(">I", read_exact(4))
    return read_exact(size)


def receive():
    return json.loads(receive_bytes())


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
        self.thread = threading.Thread(target=self.pump, daemon=True)
        self.thread.start()

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


# Figures are drawn at twice matplotlib's own scale (its 100 dpi is the figure's size in CSS
# pixels), so they stay sharp on high-density screens.
DEVICE_SCALE = 2
# At most this many inches wide: a plot shown across a phone's 360 CSS px keeps its 13-pt tick
# labels at a font of about 12 px. Wider figures are shrunk toward it (at most to half), fonts kept.
READABLE_WIDTH_IN = 5.6
READABLE_RC = {"figure.figsize": (READABLE_WIDTH_IN, 4.2), "font.size": 13, "lines.linewidth": 2.0}


def on_plain_paper(fig):
    """True when the figure and its axes sit on opaque white (matplotlib's default): the host then
    gets them with a transparent background and lays them on the chat's own background, so the
    antialiased edges of lines and text blend with that background instead of leaving white halos."""
    from matplotlib.colors import to_rgba
    white = (1.0, 1.0, 1.0, 1.0)
    return to_rgba(fig.get_facecolor()) == white and all(to_rgba(ax.get_facecolor()) == white for ax in fig.axes)


def relayout(fig):
    """Lays a shrunk figure out again (a layout engine does so itself when it draws), so labels
    placed for the larger size do not run into the next subplot."""
    if fig.get_layout_engine() is not None:
        return
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fig.tight_layout()
        except Exception:
            pass


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
        shrink = max(0.5, min(1.0, READABLE_WIDTH_IN / max(width, 0.01)))
        options = {"format": "png", "transparent": on_plain_paper(fig)}
        if shrink < 1.0:
            width, height = width * shrink, height * shrink
            fig.set_size_inches(width, height)
            relayout(fig)
            # Labels laid out for the larger size may still stick out: keep every one in the picture.
            options["bbox_inches"] = "tight"
        # A tight box can come out a little larger than the figure: leave it room under the cap.
        side_cap = LIMITS["maxFigureSide"] * (0.9 if shrink < 1.0 else 1.0)
        options["dpi"] = min(100 * DEVICE_SCALE, side_cap / max(width, height, 0.01))
        buf = io.BytesIO()
        try:
            fig.savefig(buf, **options)
        except Exception as err:
            print("figure %d could not be drawn: %s" % (num, err), file=sys.stderr)
            continue
        data = buf.getvalue()
        if len(data) > LIMITS["maxFigureBytes"]:
            print("figure %d is too large to return (%d bytes)" % (num, len(data)), file=sys.stderr)
            continue
        into.append(data)
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


PR_SET_CHILD_SUBREAPER = 36
# How long threads a cell left behind get to stop after SystemExit is raised in them.
STOP_GRACE_SECONDS = 0.25


def thread_count():
    """Threads of this process as the kernel counts them (native ones included): one stat call."""
    return os.stat("/proc/self/task").st_nlink - 2


def stop_threads(own):
    """Stops the threads a cell left running, so nothing of the cell runs between cells: raises
    SystemExit in each (it lands at the thread's next Python instruction) and waits a moment.
    Returns how many stopped and how many did not (blocked in C, or swallowing SystemExit): then
    the host restarts the interpreter."""
    left = thread_count() - len(own)
    if left <= 0:
        return 0, 0
    before = left
    for ident in list(sys._current_frames()):
        if ident not in own:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(SystemExit))
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while left > 0 and time.monotonic() < deadline:
        time.sleep(0.005)
        left = thread_count() - len(own)
    return before - max(left, 0), max(left, 0)


def kill_stragglers():
    """Ends every process the cell left behind (daemons, background writers). Only inside a PID
    namespace of our own, where kill(-1) reaches everything but PID 1 and this driver."""
    if os.getpid() > 2:
        return
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        return  # nothing else is running: the common case costs one system call
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.001)
        except ChildProcessError:
            return


def patch_pyplot(plt):
    plt.show = show
    plt.rcParams.update(READABLE_RC)


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
    import numpy, sympy, scipy, scipy.optimize, scipy.integrate, scipy.stats, scipy.linalg, pandas  # noqa: E401, F401
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    patch_pyplot(plt)
    warm_up()


def warm_up():
    """First calls load submodules, fonts and caches (and, in a fork, copy the pages they touch):
    pay for that before the session is handed out, not in its first cell."""
    import pandas, sympy  # noqa: E401
    import matplotlib.pyplot as plt
    pandas.read_csv(io.StringIO("a,b\n1,2\n"))
    x = sympy.Symbol("x")
    sympy.integrate(sympy.sin(x) ** 2, x)
    sympy.solve(x ** 2 - 1, x)
    plt.plot([0, 1])
    plt.gcf().savefig(io.BytesIO(), format="png")
    plt.close("all")


# Random generators the zygote's modules keep at module level (found once, before forking).
RANDOM_STATES = []


def find_random_states():
    """Every generator a loaded module holds in a global: random's and numpy's own, but also
    sympy's three (sympy.core.random.rng, and the factoring code's), which random.seed() and
    numpy.random.seed() do not touch. Scanning takes tens of ms: the zygote does it once."""
    import numpy
    kinds = (random.Random, numpy.random.RandomState, numpy.random.Generator, numpy.random.BitGenerator)
    found = {}
    for module in list(sys.modules.values()):
        try:
            values = list(vars(module).values())
        except TypeError:
            continue
        for value in values:
            if isinstance(value, kinds) and not isinstance(value, random.SystemRandom):
                found[id(value)] = value
    return list(found.values())


def reseed_state(state):
    numpy = sys.modules["numpy"]
    if isinstance(state, (random.Random, numpy.random.RandomState)):
        state.seed()  # from OS entropy
    else:
        # A numpy Generator or BitGenerator: the state of a fresh one, seeded from OS entropy.
        bits = getattr(state, "bit_generator", state)
        bits.state = type(bits)().state


def reseed():
    """A fork inherits its zygote's random state: give every session its own."""
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    for state in RANDOM_STATES:
        reseed_state(state)


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
    cap(resource.RLIMIT_MEMLOCK, 0)
    # No process of the session may raise its priority back above the nice level it started at.
    cap(resource.RLIMIT_NICE, 0)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cap(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + LIMITS["cpuSeconds"])


# ---- seccomp: syscalls no math or pandas code needs, refused before any cell runs -------------

DENIED_SYSCALLS = (
    # memory outside RLIMIT_AS, kernel keyrings shared by every sandbox uid, async/kernel engines
    "memfd_create", "memfd_secret", "add_key", "keyctl", "request_key",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd",
    # other processes' memory
    "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise", "kcmp", "pidfd_getfd",
    # namespaces and mounts
    "unshare", "setns", "mount", "umount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    # the machine itself
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "syslog", "vhangup", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "iopl", "ioperm", "sethostname", "setdomainname",
    "name_to_handle_at", "open_by_handle_at", "fanotify_init", "lookup_dcookie", "uselib",
    # extended attributes: kernel memory a tmpfs size limit does not count
    "setxattr", "lsetxattr", "fsetxattr",
    # SysV IPC and POSIX message queues: kernel memory of the session's IPC namespace that no rlimit,
    # memory sampling or address-space limit counts, and that outlives the cell that made it
    "semget", "semop", "semtimedop", "semctl", "shmget", "shmat", "shmdt", "shmctl",
    "msgget", "msgsnd", "msgrcv", "msgctl",
    "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr",
    # a new session is a new scheduling group (autogroup): one session must stay one CPU share
    "setsid",
)
NAMESPACE_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000, 0x00000080)
# The only socket family a cell gets: Unix sockets (socketpair, multiprocessing, asyncio). The
# network namespace has no interface anyway; IP sockets would still hold loopback buffers, and
# vsock, netlink, packet or crypto sockets reach past the namespace into the kernel or the VM.
AF_UNIX = 1
SOL_SOCKET = 1
# SO_SNDBUF, SO_RCVBUF, SO_SNDBUFFORCE, SO_RCVBUFFORCE: a socket keeps the system's default buffer,
# so what the session's sockets can queue is bounded by their number (which PID 1 counts).
BUFFER_OPTIONS = (7, 8, 32, 33)
INT_BITS = 0xFFFFFFFF


def seccomp_program():
    """The filter compiled to classic BPF by libseccomp, with the number of the seccomp syscall.
    The zygote compiles it once: compiling in every fork took ~4 ms and copied ~4 MB of pages."""
    import seccomp
    filt = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    # A system call of another ABI (i386 int 0x80, x32) ends the whole process, not just the thread
    # that made it: a lone dead thread could leave the cell waiting for it until the timeout.
    filt.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    for name in DENIED_SYSCALLS:
        try:
            filt.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError):
            pass  # not a syscall on this architecture
    # clone3 passes its flags in memory a filter cannot read: ENOSYS makes libc fall back to clone.
    filt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    for flag in NAMESPACE_FLAGS:
        filt.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    for name in ("socket", "socketpair"):
        filt.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), name, seccomp.Arg(0, seccomp.NE, AF_UNIX))
    # The kernel reads level and option as 32-bit ints: compare only those bits.
    for option in BUFFER_OPTIONS:
        filt.add_rule(seccomp.ERRNO(errno.EPERM), "setsockopt", seccomp.Arg(1, seccomp.MASKED_EQ, INT_BITS, SOL_SOCKET),
                      seccomp.Arg(2, seccomp.MASKED_EQ, INT_BITS, option))
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as sink:
        filt.export_bpf(sink)
    with os.fdopen(read_end, "rb") as source:
        bpf = source.read()
    return seccomp.resolve_syscall(seccomp.Arch.NATIVE, "seccomp"), bpf


SECCOMP_PROGRAM = None
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_seccomp():
    """Loads the filter into every thread of this process (and so every process it starts): TSYNC,
    because the output pump thread already runs, and a cell can make it run code of its choosing.
    Needs no_new_privs."""
    number, bpf = SECCOMP_PROGRAM or seccomp_program()
    code = ctypes.create_string_buffer(bpf, len(bpf))
    program = SockFprog(len(bpf) // 8, ctypes.addressof(code))
    syscall = LIBC.syscall
    syscall.restype = ctypes.c_long
    result = syscall(ctypes.c_long(number), ctypes.c_long(SECCOMP_SET_MODE_FILTER),
                     ctypes.c_long(SECCOMP_FILTER_FLAG_TSYNC), ctypes.byref(program))
    if result > 0:
        raise OSError(errno.EBUSY, "seccomp: thread %d could not take the filter" % result)
    check(result, "seccomp")


# ---- privileges and private mounts -------------------------------------------------------------

LIBC = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 4, 24, 38, 47
CAP_SYS_PTRACE = 19
SHM_MB = 8
SHM_INODES = 64
DATA_INODES = 256


def check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def mount(source, target, fstype, flags, data=None):
    enc = lambda v: None if v is None else v.encode()  # noqa: E731
    check(LIBC.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), "mount " + target)


def prctl(option, arg):
    zero = ctypes.c_ulong(0)
    return LIBC.prctl(ctypes.c_int(option), ctypes.c_ulong(arg), zero, zero, zero)


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_privileges(keep=()):
    """Drops every capability but `keep` (for good: bounding set too) and sets no_new_privs."""
    for cap in range(64):
        if cap not in keep and prctl(PR_CAPBSET_DROP, cap) != 0:
            break
    prctl(PR_CAP_AMBIENT, 4)  # PR_CAP_AMBIENT_CLEAR_ALL
    data = (CapData * 2)()
    for cap in keep:
        data[cap // 32].effective |= 1 << (cap % 32)
        data[cap // 32].permitted |= 1 << (cap % 32)
    check(LIBC.capset(ctypes.byref(CapHeader(0x20080522, 0)), data), "capset")
    check(prctl(PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")


def private_mounts():
    """Scratch, shared memory and attachments as small tmpfs of the session's own: sizes AND inode
    counts bounded (an inode costs kernel memory that a tmpfs size limit does not count)."""
    scratch_mb = LIMITS["scratchMb"]
    mount("tmpfs", SCRATCH, "tmpfs", MS_NOSUID | MS_NODEV,
          "size=%dm,nr_inodes=%d,mode=0700" % (scratch_mb, LIMITS["scratchInodes"]))
    mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
          "size=%dm,nr_inodes=%d,mode=0700" % (SHM_MB, SHM_INODES))
    mount("tmpfs", DATA, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
          "size=%dm,nr_inodes=%d,mode=0700" % (LIMITS["dataMb"], DATA_INODES))


def write_attachment(name, data):
    """Puts one attachment under /data (the session's own copy, handed over by the host)."""
    if not name or "/" in name or name in (".", "..") or "\0" in name:
        raise ValueError("not a plain file name")
    path = os.path.join(DATA, name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o400)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def serve(warm=False):
    """Runs requests forever on CMD_IN/RES_OUT; the scientific stack is imported (or hooked) already."""
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    capture = Capture()
    sys.stdin = open(os.devnull)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True)
    os.chdir(LIMITS["workdir"])
    if warm:
        warm_up()
    reseed()
    apply_limits()
    install_seccomp()
    signal.signal(signal.SIGALRM, on_alarm)
    # Orphans of the cell's processes come back to the driver, so PID 1 finds every extra process
    # among its own or the driver's children.
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    streams = (sys.stdout, sys.stderr)
    own_threads = {threading.get_ident(), capture.thread.ident}
    send({"ready": True})
    number = 0
    while True:
        request = receive()
        op = request.get("op")
        if op == "file":
            data = receive_bytes()
            try:
                write_attachment(request["name"], data)
                send({"id": request["id"], "ok": True})
            except (OSError, ValueError) as err:
                send({"id": request["id"], "ok": False, "error": str(err)})
            continue
        if op != "run":
            os._exit(70)
        number += 1
        sys.stdout, sys.stderr = streams
        capture.reset()
        del PENDING_FIGURES[:]
        error, timed_out = run_cell(namespace, number, request["code"], request["timeoutMs"])
        stopped, left = stop_threads(own_threads)
        if stopped:
            print("[the cell left %d thread%s running; stopped when it ended]" % (stopped, "s"[:stopped != 1]), file=sys.stderr)
        figures = PENDING_FIGURES[:]
        try:
            grab_figures(figures)
        except BaseException as err:
            print("figures could not be drawn: %r" % err, file=sys.stderr)
        dropped = sum(1 for f in figures if f is None)
        if dropped:
            print("[%d more figures were not returned: at most %d per cell]" % (dropped, LIMITS["maxFigures"]), file=sys.stderr)
        kill_stragglers()
        sys.stdout.flush()
        sys.stderr.flush()
        out, err, truncated = capture.collect()
        pngs = [f for f in figures if f is not None]
        send({"id": request["id"], "stdout": out, "stderr": err, "error": error, "timedOut": timed_out,
              "truncated": truncated, "figures": len(pngs), "restart": left > 0})
        for png in pngs:
            send_bytes(png)


def load_libraries():
    if LIMITS["preload"]:
        preload()
    else:
        sys.meta_path.insert(0, PyplotHook())


def own_process():
    """A session in a bubblewrap process of its own (bubblewrap granted CAP_SYS_ADMIN and
    CAP_SYS_PTRACE in the sandbox's user namespace for this): private mounts, a PID namespace
    with the session's PID 1, then the driver without any privilege. Without isolation there is
    no namespace to build: the driver just drops what it can and serves."""
    global CMD_IN, RES_OUT
    CMD_IN, RES_OUT = os.dup(0), os.dup(1)
    lower_priority()
    if not LIMITS["mounts"]:
        drop_privileges()
        load_libraries()
        serve()
    private_mounts()
    check(LIBC.unshare(CLONE_NEWPID | CLONE_NEWNS), "unshare")
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    devnull = os.open("/dev/null", os.O_RDWR)
    for target in (0, 1):
        os.dup2(devnull, target)
    os.close(devnull)
    run_session(CMD_IN, RES_OUT, warm=False, load=True, report=True)


# ---- zygote: one pre-imported process inside bubblewrap that forks isolated sessions ----------
#
# Each fork request makes a child that enters new user, mount, network, PID, IPC and UTS
# namespaces of its own (so sessions cannot see, signal or reach each other, and RLIMIT_NPROC
# counts per session), mounts its private tmpfs, and then runs as PID 2 under a tiny PID 1 that
# ends the namespace when the host hangs up the session socket or the driver exits. The session's
# socket is one end of a socketpair made here; the other end goes to the host over Node's IPC
# channel (fd 3) as a passed descriptor, so there is no path anyone could connect to.

import socket  # noqa: E402

IPC_FD = 3


def keep_only(fd):
    """Moves fd to 3 and closes every other inherited descriptor above stderr."""
    if fd != 3:
        os.dup2(fd, 3)
        os.close(fd)
    os.closerange(4, 65536)
    return 3


# How often PID 1 checks the session's memory while the driver has other processes.
WATCH_SECONDS = 0.1


def anonymous_bytes(pid):
    """Memory a process holds of its own: proportional anonymous and shared-memory pages (pages
    shared copy-on-write with the driver are split between the sharers, not counted in each)."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as rollup:
            return sum(int(line.split()[1]) * 1024 for line in rollup if line.startswith(("Pss_Anon:", "Pss_Shmem:")))
    except OSError:
        pass
    try:
        with open("/proc/%d/status" % pid) as status:
            return sum(int(line.split()[1]) * 1024 for line in status if line.startswith(("RssAnon:", "RssShmem:")))
    except OSError:
        return 0


def unix_sockets():
    """Unix sockets in the session's network namespace (its own: the host's channel is not one)."""
    with open("/proc/net/unix", "rb") as table:
        return table.read().count(b"\n") - 1


def socket_descriptors(pid):
    count = 0
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                count += os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith("socket:")
            except OSError:
                pass
    except OSError:
        pass
    return count


def enforce_session_memory(pids, budget, socket_charge):
    """The fallback's per-session total (without a cgroup): RLIMIT_AS caps each process, so only
    several processes together can exceed the budget; then the largest one but the driver is
    killed. The driver (PID 2) keeps its own address-space limit and its MemoryError. Socket
    buffers are kernel memory outside every process: each Unix socket counts at the most it can
    queue (socket_charge). Cheap while the driver is alone: the session's own /proc lists only its
    processes, and one listing of it (~15 µs) is all a check costs then — it runs ten times a
    second in every idle session (the driver alone holds at most RLIMIT_NOFILE sockets)."""
    if len(pids) < 2:
        return
    usage = {pid: anonymous_bytes(pid) for pid in pids}
    sockets = unix_sockets() * socket_charge
    if sum(usage.values()) + sockets <= budget:
        return
    others = [pid for pid in pids if pid != 2]
    if sockets:
        for pid in others:
            usage[pid] += socket_descriptors(pid) * socket_charge
    if others:
        try:
            os.kill(max(others, key=usage.get), signal.SIGKILL)
        except OSError:
            pass


# What one Unix socket can hold, as a multiple of the default send buffer (setsockopt cannot raise
# it): its own queued sends, which may overshoot the buffer by one message, and what peers that
# closed left queued to it (at most max_dgram_qlen messages, set small below).
SOCKET_CHARGE_BUFFERS = 3
# Per network namespace: queued datagrams per receiving socket and pending connections per listener.
NETWORK_SYSCTLS = (("net/unix/max_dgram_qlen", "2"), ("net/core/somaxconn", "16"))


def bound_socket_queues():
    """Small queues in the session's own network namespace (needs CAP_NET_ADMIN in it, before the
    capabilities go); returns what one socket is charged against the memory total."""
    for name, value in NETWORK_SYSCTLS:
        try:
            with open("/proc/sys/" + name, "w") as sysctl:
                sysctl.write(value)
        except OSError:
            pass
    try:
        with open("/proc/sys/net/core/wmem_default") as default:
            return SOCKET_CHARGE_BUFFERS * int(default.read())
    except (OSError, ValueError):
        return SOCKET_CHARGE_BUFFERS * 212992


# The driver's own threads: its main thread and the output pump.
DRIVER_THREADS = 2


def idle_driver(channel, read_call):
    """The driver's context-switch count while its main thread waits for the host's next request
    (blocked in read on the channel, where only an honest driver between cells ever is); None
    while it is busy. The count changes whenever that thread wakes."""
    try:
        with open("/proc/2/task/2/syscall") as call:
            fields = call.read().split()
        if int(fields[0]) != read_call or int(fields[1], 16) != channel:
            return None
        with open("/proc/2/task/2/status") as status:
            for line in status:
                if line.startswith("voluntary_ctxt_switches:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def end_leftovers(pids, channel, read_call):
    """Backs up the driver's own clean-up, which runs in the process the cells run in (a cell can
    disable it): while the driver waits for the next cell, any other process is a leftover of the
    last one and is killed; so is the driver, if it has threads beyond its own (the host then
    starts a fresh interpreter). One stat call while all is as it should be."""
    try:
        threads = os.stat("/proc/2/task").st_nlink - 2
    except OSError:
        return
    others = [pid for pid in pids if pid != 2]
    if threads <= DRIVER_THREADS and not others:
        return
    before = idle_driver(channel, read_call)
    if before is None:
        return
    # Listed while the driver slept: still asleep (same count) means none of them is the next cell's.
    if idle_driver(channel, read_call) != before:
        return
    for pid in others + ([2] if threads > DRIVER_THREADS else []):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def session_reaper(fd, proc_ready):
    """PID 1 of the session: mounts the session's /proc, forbids nested user namespaces, reaps
    orphans, holds the session's processes to their memory total, ends what a cell left running,
    and exits — taking the whole namespace down — when the host hangs up. Keeps CAP_SYS_PTRACE
    (inside the session's user namespace) to read the memory and state of processes that made
    themselves undumpable."""
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    try:
        with open("/proc/sys/user/max_user_namespaces", "w") as limit:
            limit.write("0")
    except OSError:
        pass  # not ours to set in a process of its own; the seccomp filter refuses namespaces anyway
    socket_charge = bound_socket_queues()
    import seccomp
    read_call = seccomp.resolve_syscall(seccomp.Arch.NATIVE, "read")
    prctl(PR_SET_DUMPABLE, 0)
    drop_privileges(keep=(CAP_SYS_PTRACE,))
    budget = LIMITS["sessionMemoryMb"] * 1024 * 1024
    os.write(proc_ready, b"1")
    os.close(proc_ready)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *args: None)
    poller = select.poll()
    poller.register(fd, select.POLLRDHUP)
    poller.register(wake_r, select.POLLIN)
    while True:
        for ready, _ in poller.poll(WATCH_SECONDS * 1000):
            if ready == fd:
                os._exit(0)
            os.read(wake_r, 512)
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and p != "1"]
        enforce_session_memory(pids, budget, socket_charge)
        end_leftovers(pids, fd, read_call)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass


def session_driver(fd_in, fd_out, proc_ready, warm, load):
    """PID 2 of the session: once PID 1 has mounted /proc, drops every privilege and serves cells."""
    if os.read(proc_ready, 1) != b"1":
        os._exit(70)
    os.close(proc_ready)
    drop_privileges()
    global CMD_IN, RES_OUT
    CMD_IN, RES_OUT = fd_in, fd_out
    if load:
        load_libraries()
    serve(warm)


def forked(function, *args):
    """Runs function in a child process that never returns into the caller's code."""
    pid = os.fork()
    if pid == 0:
        try:
            function(*args)
        except BaseException:
            traceback.print_exc()
        os._exit(70)
    return pid


def lower_priority():
    """Runs the session below the host's CPU priority (RLIMIT_NICE, set later, keeps it there).
    A session of its own is also a scheduling group of its own (autogroup): however many
    processes it starts, together they weigh like one ordinary process against the host's."""
    os.nice(LIMITS["nice"])


def session_child(fd, warm):
    """Runs in a fresh fork of the zygote: builds the session's namespaces, starts its PID 1 and
    its driver (both forked from here, to keep big forks off the critical path), and ends the
    namespace when the driver ends."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    lower_priority()
    fd = keep_only(fd)
    uid, gid = os.getuid(), os.getgid()
    check(LIBC.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", "%d %d 1" % (uid, uid)), ("gid_map", "%d %d 1" % (gid, gid))):
        with open("/proc/self/" + name, "w") as f:
            f.write(text)
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    private_mounts()
    LIBC.sethostname(b"sandbox", 7)
    run_session(fd, fd, warm, load=False)


# The line a session of its own ends with on stderr (which no cell can reach): its CPU in all.
CPU_REPORT = "sandbox-session-cpu %.3f"


def run_session(fd_in, fd_out, warm, load, report=False):
    """In a fresh PID namespace: forks the session's PID 1 and its driver (PID 2), and ends the
    namespace when the driver ends. `report`: say on stderr how much CPU the session's processes
    used, as the kernel counted them (a zygote's fork is reaped, and so counted, by the zygote)."""
    proc_ready_r, proc_ready_w = os.pipe()
    reaper = forked(lambda: (os.close(proc_ready_r), session_reaper(fd_in, proc_ready_w)))
    os.close(proc_ready_w)
    driver = forked(session_driver, fd_in, fd_out, proc_ready_r, warm, load)
    os.close(proc_ready_r)
    for fd in {fd_in, fd_out}:
        os.close(fd)
    drop_privileges()
    running = {reaper, driver}
    ended = 0
    while running:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            break
        running.discard(pid)
        if pid == driver:
            ended = status
            if reaper in running:
                os.kill(reaper, signal.SIGKILL)
    if report:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        os.write(2, ("\n" + CPU_REPORT % (usage.ru_utime + usage.ru_stime) + "\n").encode())
    # How the driver ended, for the host to tell (a signal as 128 + its number, like a shell).
    os._exit(128 + os.WTERMSIG(ended) if os.WIFSIGNALED(ended) else os.WEXITSTATUS(ended))


def hand_over(ipc, token, host_end, pid):
    """Passes the host's end of a session socketpair over Node's IPC channel (JSON lines, the
    descriptor attached), as a net.Socket handle, with the session's pid (in the zygote's PID
    namespace) for the host to find its processes by."""
    line = json.dumps({"cmd": "NODE_HANDLE", "type": "net.Socket", "msg": {"forked": token, "pid": pid}}) + "\n"
    socket.send_fds(ipc, [line.encode()], [host_end.fileno()])


def zygote():
    global SECCOMP_PROGRAM
    preload()
    SECCOMP_PROGRAM = seccomp_program()
    RANDOM_STATES.extend(find_random_states())
    # Keep the collector away from the preloaded objects: scanning them would touch (and so
    # copy) most of the shared pages in every fork.
    gc.collect()
    gc.freeze()
    devnull = os.open("/dev/null", os.O_RDWR)
    for target in (0, 1):
        os.dup2(devnull, target)
    os.close(devnull)
    ipc = socket.socket(fileno=IPC_FD)
    os.set_inheritable(ipc.fileno(), False)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *args: None)
    sessions = {}
    send({"ready": True})
    while True:
        try:
            readable, _, _ = select.select([CMD_IN, wake_r, ipc], [], [])
        except InterruptedError:
            continue
        if ipc in readable and not ipc.recv(4096):
            os._exit(0)  # Node's acknowledgements of handed-over sockets; EOF: the host is gone.
        if wake_r in readable:
            os.read(wake_r, 512)
            while True:
                try:
                    pid, status, usage = os.wait4(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                if pid in sessions:
                    # The session's CPU as the kernel counted it: its processes and all they reaped.
                    send({"exited": sessions.pop(pid), "code": os.waitstatus_to_exitcode(status),
                          "cpu": round(usage.ru_utime + usage.ru_stime, 3)})
        if CMD_IN in readable:
            request = receive()
            token = request["token"]
            try:
                host_end, session_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
                pid = os.fork()
                if pid == 0:
                    try:
                        os.close(wake_r)
                        os.close(wake_w)
                        host_end.close()
                        ipc.close()
                        fd = session_end.detach()
                    except BaseException:
                        traceback.print_exc()
                        os._exit(0)
                    raise ForkedSession(fd, bool(request.get("warm")))
                session_end.close()
                sessions[pid] = token
                hand_over(ipc, token, host_end, pid)
                host_end.close()
            except OSError as err:
                send({"failed": token, "error": str(err)})


class ForkedSession(BaseException):
    """Carries a fresh fork out of the zygote's loop. Unwinding drops the loop's frame and every
    local in it (other sessions' pids and tokens, the last request) before the session starts:
    its code walks the stack it inherits, and finds only main() below its own frames."""

    def __init__(self, fd, warm):
        super().__init__()
        self.fd, self.warm = fd, warm


def main():
    global CMD_IN, RES_OUT
    if LIMITS.get("zygote"):
        CMD_IN, RES_OUT = os.dup(0), os.dup(1)
        try:
            zygote()
        except ForkedSession as fork:
            fd, warm = fork.fd, fork.warm
        try:
            session_child(fd, warm)
        except BaseException:
            traceback.print_exc()
        os._exit(0)
    own_process()


main()
