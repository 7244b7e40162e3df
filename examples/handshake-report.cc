/*
 * handshake-report: pages drawn from a finished run's records (scripts/report runs it).
 *
 *   handshake-report ladder --out=DIR --conn=ID [--time-scale] [--file=PATH]
 *
 * draws connection ID of DIR/results.sqlite as report.html would (LadderDiagram: both sides'
 * states, retransmissions, --drop losses, its capture files), for any connection whose segments
 * were recorded, not only those --ladder chose. Writes DIR/ladder-ID.html (or PATH) and prints its
 * path. Exit 0 done, 2 bad flags or no such connection or no segments for it, 1 not written.
 */
#include "ns3/handshake-module.h"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <sys/stat.h>

using namespace ns3;

namespace
{

int
Fail(int status, const std::string& error)
{
    std::cerr << "handshake-report: " << PrintableText::Of(error, 400) << std::endl;
    return status;
}

bool
Exists(const std::string& path)
{
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    const std::string usage = "usage: handshake-report ladder --out=DIR --conn=ID [--time-scale] [--file=PATH]";
    if (argc < 2 || std::string(argv[1]) != "ladder")
    {
        return Fail(2, argc < 2 ? usage : "'" + std::string(argv[1]) + "' is not a command; " + usage);
    }
    std::string out;
    std::string connText;
    std::string file;
    bool timeScale = false;
    for (int i = 2; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind("--out=", 0) == 0)
        {
            out = arg.substr(6);
        }
        else if (arg.rfind("--conn=", 0) == 0)
        {
            connText = arg.substr(7);
        }
        else if (arg.rfind("--file=", 0) == 0)
        {
            file = arg.substr(7);
        }
        else if (arg == "--time-scale")
        {
            timeScale = true;
        }
        else
        {
            return Fail(2, "'" + arg + "' is not a flag of ladder; " + usage);
        }
    }
    uint32_t id = 0;
    if (out.empty() || !ParseDecimalNumber(connText, 0, UINT32_MAX, &id))
    {
        return Fail(2, out.empty() ? "--out: needed; " + usage
                                   : "--conn: '" + connText + "' is not a connection id (connections.id)");
    }
    std::string error;
    auto reader = ResultsReader::Open(out + "/results.sqlite", &error);
    if (!reader)
    {
        return Fail(2, "--out: " + error);
    }
    auto connection = reader->Connection(id);
    if (!connection)
    {
        return Fail(2, "--conn: no connection " + connText + " in " + out + "/results.sqlite");
    }
    auto segments = reader->Segments(id);
    if (segments.empty())
    {
        return Fail(2, "--conn: connection " + connText + " has no recorded segments: its client " +
                           connection->clientAddress + " was not captured (--pcap=sample:K or all)");
    }
    HtmlReport report(reader->RunTitle());
    std::map<std::string, std::string> captures;
    captures[connection->clientAddress] = reader->ClientPcap(connection->clientAddress);
    if (auto server = reader->ServerId(connection->serverAddress))
    {
        std::string pcap = "pcap/" + CapturePolicy::ServerFileName(*server);
        captures[connection->serverAddress] = Exists(out + "/" + pcap) ? pcap : "";
    }
    report.SetCaptureFiles(captures);
    LadderSelection none;
    none.Parse("none");
    report.SetLadders(none, timeScale);
    std::optional<TransactionRecord> opener = reader->DnsOpener(id);
    std::string body = report.LadderHtml(*connection, segments, reader->States(id), reader->Drops(id),
                                         "scripts/report ladder --conn=" + connText,
                                         opener ? &*opener : nullptr);
    if (file.empty())
    {
        file = out + "/ladder-" + connText + ".html";
    }
    error = WriteOutputFile(file, HtmlReport::Page("Connection " + connText + " of " + reader->RunTitle(), body));
    if (!error.empty())
    {
        return Fail(1, error);
    }
    std::cout << file << std::endl;
    return 0;
}
