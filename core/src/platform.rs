//! Which operating system the user is on, from what the browser says.
//!
//! Used to put the user's own platform first in step-by-step advice. The
//! fuller browser-and-platform check will grow this into a UA parser; this
//! is the part the clock advice needs today.

/// An operating-system family with its own settings screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Microsoft Windows.
    Windows,
    /// Apple macOS.
    MacOs,
    /// Apple iOS and iPadOS.
    Ios,
    /// Google Android.
    Android,
    /// Google ChromeOS.
    ChromeOs,
    /// Desktop Linux.
    Linux,
}

impl Platform {
    /// Every platform, in the order advice lists them by default.
    pub const ALL: [Platform; 6] =
        [Platform::Windows, Platform::MacOs, Platform::Ios, Platform::Android, Platform::ChromeOs, Platform::Linux];

    /// The stable name, used in message keys (`clock.howto.<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Windows => "windows",
            Platform::MacOs => "macos",
            Platform::Ios => "ios",
            Platform::Android => "android",
            Platform::ChromeOs => "chromeos",
            Platform::Linux => "linux",
        }
    }

    /// `platform` as read from a WebKit browser's User-Agent string,
    /// unless it is a Mac with a multi-touch screen
    /// (`navigator.maxTouchPoints` above 1): an iPad. iPadOS's Safari asks
    /// for desktop sites by default and then sends a Mac's string; only the
    /// touch screen tells it apart (a Mac reports 0, or 1 with a touch
    /// emulator or pen tablet attached). See `useragent::on_device` for
    /// which browsers this applies to.
    ///
    /// ```
    /// use resetcheck_core::platform::Platform;
    /// assert_eq!(Platform::touch_aware(Some(Platform::MacOs), Some(5)), Some(Platform::Ios));
    /// assert_eq!(Platform::touch_aware(Some(Platform::MacOs), Some(1)), Some(Platform::MacOs));
    /// assert_eq!(Platform::touch_aware(Some(Platform::Windows), Some(10)), Some(Platform::Windows));
    /// ```
    pub fn touch_aware(platform: Option<Platform>, max_touch_points: Option<u32>) -> Option<Platform> {
        match (platform, max_touch_points) {
            (Some(Platform::MacOs), Some(points)) if points > 1 => Some(Platform::Ios),
            _ => platform,
        }
    }

    /// Detects the platform from `navigator.userAgentData.platform` (User-Agent
    /// Client Hints, where available) or else the User-Agent string.
    ///
    /// ```
    /// use resetcheck_core::platform::Platform;
    /// let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    /// assert_eq!(Platform::detect(None, iphone), Some(Platform::Ios));
    /// assert_eq!(Platform::detect(Some("Windows"), ""), Some(Platform::Windows));
    /// ```
    pub fn detect(client_hint_platform: Option<&str>, user_agent: &str) -> Option<Platform> {
        if let Some(hint) = client_hint_platform {
            // Values from the UA-CH spec's Sec-CH-UA-Platform list.
            let found = match hint.trim().to_ascii_lowercase().as_str() {
                "windows" => Some(Platform::Windows),
                "macos" => Some(Platform::MacOs),
                "ios" => Some(Platform::Ios),
                "android" => Some(Platform::Android),
                // Chromium OS builds (and some Chromebooks) say "Chromium OS".
                "chrome os" | "chromeos" | "chromium os" => Some(Platform::ChromeOs),
                "linux" => Some(Platform::Linux),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        let ua = user_agent;
        // Order matters: Android UAs say "Linux", iOS UAs say "Mac OS X".
        if ua.contains("Android") {
            Some(Platform::Android)
        } else if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
            Some(Platform::Ios)
        } else if ua.contains("CrOS") {
            Some(Platform::ChromeOs)
        } else if ua.contains("Windows") {
            Some(Platform::Windows)
        } else if ua.contains("Macintosh") || ua.contains("Mac OS X") {
            Some(Platform::MacOs)
        } else if ua.contains("Linux") || ua.contains("X11") {
            Some(Platform::Linux)
        } else {
            None
        }
    }

    /// Every platform, with `first` (the user's) at the front.
    pub fn ordered_first(first: Option<Platform>) -> Vec<Platform> {
        let mut all: Vec<Platform> = first.into_iter().collect();
        all.extend(Platform::ALL.into_iter().filter(|p| Some(*p) != first));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // User-Agent strings as sent by current browsers (captured from the
    // browsers' own "what is my user agent" output; common public values).
    const WINDOWS_CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    const CHROMEOS: &str = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const LINUX_FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const IPAD: &str = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    #[test]
    fn detects_from_user_agent() {
        assert_eq!(Platform::detect(None, WINDOWS_CHROME), Some(Platform::Windows));
        assert_eq!(Platform::detect(None, MAC_SAFARI), Some(Platform::MacOs));
        assert_eq!(Platform::detect(None, ANDROID_CHROME), Some(Platform::Android));
        assert_eq!(Platform::detect(None, CHROMEOS), Some(Platform::ChromeOs));
        assert_eq!(Platform::detect(None, LINUX_FIREFOX), Some(Platform::Linux));
        assert_eq!(Platform::detect(None, IPAD), Some(Platform::Ios));
        assert_eq!(Platform::detect(None, "curl/8.0"), None);
    }

    #[test]
    fn client_hints_win_and_unknown_hints_fall_back() {
        assert_eq!(Platform::detect(Some("Chrome OS"), WINDOWS_CHROME), Some(Platform::ChromeOs));
        assert_eq!(Platform::detect(Some("Chromium OS"), ""), Some(Platform::ChromeOs));
        assert_eq!(Platform::detect(Some("Unknown"), LINUX_FIREFOX), Some(Platform::Linux));
        assert_eq!(Platform::detect(Some(""), ""), None);
    }

    #[test]
    fn own_platform_first() {
        let order = Platform::ordered_first(Some(Platform::Android));
        assert_eq!(order[0], Platform::Android);
        assert_eq!(order.len(), 6);
        assert_eq!(Platform::ordered_first(None), Platform::ALL.to_vec());
    }
}
