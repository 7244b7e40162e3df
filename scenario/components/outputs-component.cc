#include "outputs-component.h"

#include "ns3/build-version.h"
#include "ns3/capture-policy.h"
#include "ns3/connection-recorder.h"
#include "ns3/flag-set.h"
#include "ns3/html-report.h"
#include "ns3/make-directories.h"
#include "ns3/run-results.h"
#include "ns3/run-summary.h"
#include "ns3/scenario-context.h"
#include "ns3/write-output-file.h"

#include <dirent.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ns3
{

void
OutputsComponent::AddFlags(FlagSet& flags)
{
    flags.Add("out", "output folder", outDir);
    flags.AddSwitch("csv", "also write each results.sqlite table as <table>.csv under --out", csv);
    flags.Add("ladder",
              std::string("which recorded connections report.html draws as ladder diagrams: ") +
                  LadderSelection::SYNTAX,
              ladderText);
    flags.AddSwitch("ladder-time-scale",
                    "draw the ladders' rows to time scale, so that arrows slope by the one-way delay",
                    ladderTimeScale);
}

std::string
OutputsComponent::Validate(const SimOptions& /* options */)
{
    std::string error = ladders.Parse(ladderText);
    return error.empty() ? "" : "--ladder: " + error;
}

void
OutputsComponent::AddReportParameters(Parameters& parameters) const
{
    parameters.emplace_back("ladder", ladderText + (ladderTimeScale ? " (to time scale)" : ""));
}

void
OutputsComponent::Install(ScenarioContext& context)
{
    m_context = &context;
}

std::string
OutputsComponent::SummaryLines() const
{
    return RunSummary::FormatSettings(m_context->results.settings, BuildVersion::Handshake(), BuildVersion::Ns3());
}

std::string
OutputsComponent::PcapDir() const
{
    return outDir + "/pcap";
}

std::string
OutputsComponent::Open(const RunRecord& run)
{
    if (!MakeDirectories(PcapDir()))
    {
        return "--out: cannot create " + PcapDir() + ": " + std::strerror(errno);
    }
    std::string error = m_lock.Acquire(outDir, run.program);
    if (!error.empty())
    {
        return "--out: " + error;
    }
    m_database = ResultsDatabase::Create(outDir + "/results.sqlite", &error);
    if (!m_database)
    {
        return "--out: " + error;
    }
    m_database->BeginRun(run);
    ClearEarlierOutputs();
    return "";
}

ResultsDatabase&
OutputsComponent::Database()
{
    return *m_database;
}

void
OutputsComponent::ClearEarlierOutputs() const
{
    std::vector<std::string> files{outDir + "/summary.txt", outDir + "/report.html"};
    for (const std::string& table : ResultsDatabase::CsvTables())
    {
        files.push_back(outDir + "/" + table + ".csv");
    }
    if (DIR* directory = opendir(PcapDir().c_str()))
    {
        while (const dirent* entry = readdir(directory))
        {
            if (CapturePolicy::IsCaptureFileName(entry->d_name))
            {
                files.push_back(PcapDir() + "/" + entry->d_name);
            }
        }
        closedir(directory);
    }
    for (const std::string& file : files)
    {
        std::remove(file.c_str());
        std::remove((file + ".partial").c_str());
    }
}

std::string
OutputsComponent::Write(const std::string& summary,
                        const Parameters& parameters,
                        const std::map<std::string, std::string>& captureFiles)
{
    const RunResults& r = m_context->results;
    std::string error;
    if (!m_database->Finish(r.simulatedSeconds, &error))
    {
        return error;
    }
    if (csv)
    {
        error = ResultsDatabase::ExportCsv(outDir + "/results.sqlite", outDir);
        if (!error.empty())
        {
            return "--csv: " + error;
        }
    }
    error = WriteOutputFile(outDir + "/summary.txt", summary);
    if (!error.empty())
    {
        return error;
    }
    HtmlReport report(r.title);
    report.AddParameters(parameters);
    report.SetSettings(r.settings, BuildVersion::Handshake(), BuildVersion::Ns3());
    report.SetSummaryText(summary);
    report.SetRunEnd(r.end);
    report.SetLadders(ladders, ladderTimeScale);
    report.SetCaptureFiles(captureFiles);
    return report.Write(outDir + "/report.html", r.connections, r.transactions, r.segments, r.states, r.drops);
}

} // namespace ns3
