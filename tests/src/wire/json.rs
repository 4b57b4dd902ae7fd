//! The packets of a failed check in the JSON report (bounded).

use super::Wire;
use super::packet::Proto;
use crate::show;
use crate::text::Lang;
use serde::Serialize;

/// How many packets a JSON report carries per check, at most: the first and
/// the last half of this.
pub const JSON_PACKETS: usize = 80;

#[derive(Serialize)]
pub struct Json {
    pub packets: Vec<JsonPacket>,
    /// Packets of the conversation not carried here.
    pub left_out: u64,
    /// Packets the capture could not keep up with.
    pub missed: u64,
    /// Milliseconds after the start when the check ended and the grader
    /// began stopping the programs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_ms: Option<f64>,
    pub findings: Vec<JsonFinding>,
}

#[derive(Serialize)]
pub struct JsonPacket {
    /// Milliseconds since the check began.
    pub ms: f64,
    pub from: String,
    pub to: String,
    /// `the server :40112`, in the report's language.
    pub from_role: String,
    pub to_role: String,
    /// `tcp` or `udp`.
    pub proto: &'static str,
    /// TCP: `SYN`, `SYN+ACK`, `ACK`, `PSH`, `PSH+FIN`, `RST`…; UDP: empty.
    pub flags: String,
    /// Payload bytes.
    pub len: usize,
    /// The first payload bytes, escaped.
    pub excerpt: String,
}

#[derive(Serialize)]
pub struct JsonFinding {
    pub id: &'static str,
    pub text: String,
}

impl Wire {
    /// The JSON form, in `lang`, with at most [`JSON_PACKETS`] packets.
    pub fn json(&self, lang: Lang) -> Json {
        let all: Vec<_> = self.capture.packets().collect();
        let half = JSON_PACKETS / 2;
        let chosen: Vec<_> = if all.len() <= JSON_PACKETS {
            all.clone()
        } else {
            all[..half]
                .iter()
                .chain(&all[all.len() - half..])
                .copied()
                .collect()
        };
        let packets = chosen
            .iter()
            .filter_map(|p| {
                let d = p.decode()?;
                Some(JsonPacket {
                    ms: p.at.as_secs_f64() * 1000.0,
                    from: d.from.to_string(),
                    to: d.to.to_string(),
                    from_role: self.roles.label(d.from).get(lang).to_string(),
                    to_role: self.roles.label(d.to).get(lang).to_string(),
                    proto: if d.is_tcp() { "tcp" } else { "udp" },
                    flags: match d.proto {
                        Proto::Tcp { flags, .. } => flags.name(),
                        Proto::Udp => String::new(),
                    },
                    len: d.len,
                    excerpt: show::bytes(d.excerpt),
                })
            })
            .collect();
        Json {
            packets,
            left_out: self.capture.left_out + (all.len() - chosen.len()) as u64,
            missed: self.capture.missed,
            stopped_ms: self.capture.stopped_at.map(|t| t.as_secs_f64() * 1000.0),
            findings: self
                .findings
                .iter()
                .map(|f| JsonFinding {
                    id: f.id,
                    text: f.text.get(lang).to_string(),
                })
                .collect(),
        }
    }
}
