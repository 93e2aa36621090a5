#!/usr/bin/env python3
"""Time from starting the reader to its first screen of the article, as a user sees it.

usage: first_frame.py FOLIO FILE TEXT [RUNS]

Starts `FOLIO FILE` in a pseudo-terminal of 100x30, answering as a terminal does when folio
asks for the background colour (OSC 11, then a device-attributes request), reads what it draws
until TEXT (a word of the article's first screen, e.g. its title) appears, and prints the
seconds that took; then quits the reader with `q`. With RUNS, does it that many times and prints the median, the
fastest and the slowest. Standard library only; Linux and macOS.
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time


def once(folio, path, text):
    state = tempfile.mkdtemp()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"FOLIO_STATE_DIR": state, "XDG_CONFIG_HOME": state, "TERM": "xterm-256color"})
        os.execv(folio, [folio, path])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.monotonic()
    seen, took = b"", None
    wanted = text.encode()
    while took is None and time.monotonic() - start < 60:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            # A terminal's answers: a dark background, and its device attributes.
            if b"\x1b]11;?" in chunk:
                os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
            if b"\x1b[c" in chunk:
                os.write(fd, b"\x1b[?62;22c")
            seen = (seen + chunk)[-len(wanted) - 65536:]
            if wanted in seen:
                took = time.monotonic() - start
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return took


def main():
    folio, path, text = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    times = [once(folio, path, text) for _ in range(runs)]
    if any(t is None for t in times):
        sys.exit(f"{text!r} did not appear within 60 s")
    if runs == 1:
        print(f"first frame: {times[0] * 1000:.1f} ms")
    else:
        print(f"first frame over {runs} runs: median {statistics.median(times) * 1000:.1f} ms, "
              f"fastest {min(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
