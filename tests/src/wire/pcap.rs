//! A check's capture as a classic pcap file (`tcpdump -r`, Wireshark).

use super::Capture;
use super::capture::SNAP;
use pcap_file::DataLink;
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use std::path::Path;
use std::time::UNIX_EPOCH;

/// Write `capture` to `path`: link type RAW (the packets are IP packets,
/// the loopback's link header is not captured), cut to the kept bytes.
pub fn write_pcap(capture: &Capture, path: &Path) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let header = PcapHeader {
        datalink: DataLink::RAW,
        snaplen: SNAP as u32,
        // The byte order of the machines that read it (x86, ARM).
        endianness: pcap_file::Endianness::Little,
        ..PcapHeader::default()
    };
    let mut writer = PcapWriter::with_header(file, header).map_err(std::io::Error::other)?;
    let began = capture
        .began
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    for packet in capture.packets() {
        let record = PcapPacket::new(began + packet.at, packet.len, &packet.data);
        writer
            .write_packet(&record)
            .map_err(std::io::Error::other)?;
    }
    use std::io::Write;
    writer.into_writer().flush()
}
