//! An X server of its own for a test step: WebKitGTK's MiniBrowser has no
//! headless mode. Xvfb picks a free display itself (`-displayfd`), so two
//! runs on one machine don't collide; dropping the `Display` stops it.

use crate::tools;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Xvfb may take to say which display it took.
const START_LIMIT: Duration = Duration::from_secs(20);

/// A running Xvfb and the display it serves (":N").
pub struct Display {
    child: Child,
    name: String,
}

impl Display {
    /// Starts Xvfb and waits (at most `START_LIMIT`) for its display number.
    pub fn start() -> Result<Display, String> {
        // `-displayfd 1`: the number goes to stdout, a pipe here; Xvfb's
        // log goes to stderr.
        let mut child = Command::new(tools::XVFB)
            .args(["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", tools::XVFB))?;
        let stdout = child.stdout.take();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut seen = String::new();
            let mut byte = [0_u8; 1];
            if let Some(mut out) = stdout {
                while let Ok(1) = out.read(&mut byte) {
                    if byte[0] == b'\n' {
                        break;
                    }
                    seen.push(char::from(byte[0]));
                }
            }
            let _ = sender.send(seen);
        });
        let started = Instant::now();
        match receiver.recv_timeout(START_LIMIT) {
            Ok(number) if !number.trim().is_empty() => {
                eprintln!("xtask: Xvfb on :{} ({} ms)", number.trim(), started.elapsed().as_millis());
                Ok(Display { child, name: format!(":{}", number.trim()) })
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!("Xvfb did not say its display within {} s", START_LIMIT.as_secs()))
            }
        }
    }

    /// The display's name, for `DISPLAY`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
