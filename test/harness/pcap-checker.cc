#include "pcap-checker.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <sys/wait.h>

namespace handshake::test
{

namespace
{

// The fields asked of tshark, in output column order.
const std::array<const char*, 20> g_fields = {
    "frame.number",        "frame.time_epoch",   "ip.src",          "ip.dst",
    "tcp.srcport",         "tcp.dstport",        "tcp.flags",       "tcp.seq_raw",
    "tcp.ack_raw",         "tcp.len",            "ip.checksum.status", "tcp.checksum.status",
    "frame.protocols",     "http.request.method", "http.request.uri", "http.response.code",
    "_ws.expert.severity", "_ws.expert.message", "http.request",    "http.response"};

// Separates several occurrences of one field in a packet (expert messages contain commas).
constexpr char g_aggregator = ';';

std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator))
    {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

/** The first of several aggregated occurrences of a field (pipelined HTTP puts several in one frame). */
std::string
FirstOccurrence(const std::string& text)
{
    return text.substr(0, text.find(g_aggregator));
}

uint64_t
Number(const std::string& text)
{
    if (text.empty())
    {
        return 0;
    }
    return std::strtoull(text.c_str(), nullptr, 0); // handles tcp.flags' 0x prefix
}

ChecksumStatus
Checksum(const std::string& text)
{
    if (text.empty())
    {
        return ChecksumStatus::ABSENT;
    }
    return static_cast<ChecksumStatus>(Number(text));
}

std::string
Quote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
    {
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace

std::string
PcapChecker::Command(const std::string& pcapPath, const std::vector<uint16_t>& httpPorts)
{
    std::ostringstream cmd;
    cmd << "tshark -n -r " << Quote(pcapPath)
        << " -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE"
        << " -o tcp.desegment_tcp_streams:TRUE -o tcp.reassemble_out_of_order:TRUE"
        << " -o http.desegment_body:TRUE"
        << " -T fields -E separator=/t -E occurrence=a -E 'aggregator=" << g_aggregator << "'";
    for (uint16_t port : httpPorts)
    {
        cmd << " -d tcp.port==" << port << ",http";
    }
    for (const char* field : g_fields)
    {
        cmd << " -e " << field;
    }
    return cmd.str();
}

PcapChecker::Result
PcapChecker::ParseFields(const std::string& tsharkOutput)
{
    Result result;
    std::istringstream lines(tsharkOutput);
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.empty())
        {
            continue;
        }
        std::vector<std::string> f = Split(line, '\t');
        if (f.size() != g_fields.size())
        {
            result.error = "unexpected tshark line (" + std::to_string(f.size()) + " fields): " + line;
            return result;
        }
        DecodedPacket p;
        p.frame = static_cast<uint32_t>(Number(f[0]));
        p.time = std::strtod(f[1].c_str(), nullptr);
        p.src = f[2];
        p.dst = f[3];
        p.isTcp = !f[6].empty();
        p.srcPort = static_cast<uint16_t>(Number(f[4]));
        p.dstPort = static_cast<uint16_t>(Number(f[5]));
        p.flags = static_cast<uint16_t>(Number(f[6]));
        p.seq = static_cast<uint32_t>(Number(f[7]));
        p.ack = static_cast<uint32_t>(Number(f[8]));
        p.payloadLength = static_cast<uint32_t>(Number(f[9]));
        p.ipChecksum = Checksum(f[10]);
        p.tcpChecksum = Checksum(f[11]);
        p.malformed = f[12].find("malformed") != std::string::npos;
        p.httpMethod = FirstOccurrence(f[13]);
        p.httpUri = FirstOccurrence(f[14]);
        p.httpStatus = static_cast<int>(Number(FirstOccurrence(f[15])));
        for (const auto& status : Split(f[15], g_aggregator))
        {
            p.httpStatuses.push_back(static_cast<int>(Number(status)));
        }
        p.httpRequestCount = static_cast<uint32_t>(Split(f[13], g_aggregator).size());
        for (const auto& severity : Split(f[16], g_aggregator))
        {
            p.expertSeverities.push_back(static_cast<uint32_t>(Number(severity)));
        }
        p.expertMessages = Split(f[17], g_aggregator);
        p.httpRequest = !f[18].empty() || !p.httpMethod.empty();
        p.httpResponse = !f[19].empty() || p.httpStatus != 0;
        result.packets.push_back(std::move(p));
    }
    return result;
}

PcapChecker::Result
PcapChecker::Decode(const std::string& pcapPath, const std::vector<uint16_t>& httpPorts)
{
    int status = -1;
    std::string output = Output(Command(pcapPath, httpPorts) + " 2>&1", &status);
    if (status == -1)
    {
        return {{}, "cannot run tshark"};
    }
    // tshark warns on stderr when run as root; keep only its field lines.
    std::string fieldsOnly;
    std::istringstream lines(output);
    std::string line;
    std::string diagnostics;
    while (std::getline(lines, line))
    {
        if (!line.empty() && line[0] >= '0' && line[0] <= '9')
        {
            fieldsOnly += line + "\n";
        }
        else
        {
            diagnostics += line + "\n";
        }
    }
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        return {{}, "tshark failed on " + pcapPath + ": " + diagnostics};
    }
    return ParseFields(fieldsOnly);
}

std::string
PcapChecker::Output(const std::string& command, int* status)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        *status = -1;
        return output;
    }
    std::array<char, 65536> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    {
        output.append(buffer.data(), n);
    }
    *status = pclose(pipe);
    return output;
}

std::vector<std::string>
PcapChecker::Lines(const std::string& pcapPath, const std::string& arguments)
{
    int status = -1;
    std::istringstream output(Output("tshark -r '" + pcapPath + "' " + arguments + " 2>/dev/null", &status));
    std::vector<std::string> lines;
    for (std::string line; std::getline(output, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string>
DecodedPacket::ExpertWarnings() const
{
    constexpr uint32_t warning = 0x00600000;
    std::vector<std::string> warnings;
    for (size_t i = 0; i < expertSeverities.size() && i < expertMessages.size(); ++i)
    {
        if (expertSeverities[i] >= warning)
        {
            warnings.push_back(expertMessages[i]);
        }
    }
    return warnings;
}

std::string
DecodedPacket::Describe() const
{
    std::ostringstream os;
    os << "#" << frame << " " << src << ":" << srcPort << " > " << dst << ":" << dstPort << " [";
    const char* names[] = {"FIN", "SYN", "RST", "PSH", "ACK"};
    bool first = true;
    for (int bit = 0; bit < 5; ++bit)
    {
        if (flags & (1u << bit))
        {
            os << (first ? "" : ",") << names[bit];
            first = false;
        }
    }
    os << "] seq=" << seq << " ack=" << ack << " len=" << payloadLength;
    return os.str();
}

} // namespace handshake::test
