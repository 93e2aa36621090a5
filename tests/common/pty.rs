//! The built binary in a real pseudo-terminal, its screen read back with vt100 and every byte
//! it wrote kept.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// A data folder of the session's own (what folio learns of sites goes there), unless the test gave one.
    _data: Option<tempfile::TempDir>,
}

impl Session {
    /// Runs `script` with sh in a 100×30 pseudo-terminal.
    pub fn start(script: &str, env: &[(&str, &str)]) -> Session {
        let pty =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let data = (!env.iter().any(|(k, _)| *k == "FOLIO_DATA_DIR")).then(|| tempfile::tempdir().unwrap());
        if let Some(dir) = &data {
            cmd.env("FOLIO_DATA_DIR", dir.path());
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session { parser, raw, writer, master: pty.master, child, _data: data }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn row(&self, row: u16) -> String {
        let parser = self.parser.lock().unwrap();
        parser.screen().rows(0, 100).nth(row as usize).unwrap_or_default()
    }

    pub fn wait_for(&self, what: &str, done: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Session {
    /// Everything the program wrote to the terminal so far.
    pub fn raw_bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The terminal after the program exited from a script that wrote `stty -a` to `dir`/before
    /// and `dir`/after: modes as before, main screen, cursor shown, no mouse capture.
    pub fn assert_restored(&self, dir: &std::path::Path) {
        self.wait_for("stty after exit", |_| dir.join("after").exists());
        std::thread::sleep(Duration::from_millis(200));
        let before = std::fs::read_to_string(dir.join("before")).unwrap();
        let after = std::fs::read_to_string(dir.join("after")).unwrap();
        assert_eq!(before, after, "terminal modes not restored");
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture still on");
    }

    /// The process id of the shell's child (the program the script started).
    pub fn program_pid(&self) -> Option<u32> {
        let shell = self.child.process_id()?;
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
        children.split_whitespace().next()?.parse().ok()
    }
}
