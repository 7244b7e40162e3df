/*
 * results.sqlite (shared/DESIGN.md, "Outputs"): one row per run, per TCP connection, per HTTP request,
 * and per segment and per state change of the connections the capture policy samples; per server, what its TCP went
 * through (SYNs, drops, peak half-open connections), and with a SYN flood the attack and the load of
 * the server under attack over time; the segments --drop rules dropped; the run's metrics (RunMetrics), one row each. Written to
 * "<path>.partial" inside one SQLite transaction and renamed to <path> by Finish(), so a run that
 * crashes or is killed leaves no file that looks complete, and never a `runs` row with complete = 1.
 */
#ifndef HANDSHAKE_RESULTS_DATABASE_H
#define HANDSHAKE_RESULTS_DATABASE_H

#include "ns3/run-records.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ns3
{

class ResultsDatabase
{
  public:
    /** Opens "<path>.partial" (replacing any earlier one) and removes an older <path>. */
    static std::unique_ptr<ResultsDatabase> Create(const std::string& path, std::string* error);
    ~ResultsDatabase();

    void BeginRun(const RunRecord& run);
    void Add(const ConnectionRecord& connection);
    void Add(const TransactionRecord& transaction);
    void Add(const SegmentRecord& segment);
    void Add(const StateRecord& state);
    void Add(const DropRecord& drop);
    void Add(const ServerRecord& server);
    void Add(const ServerLoadSample& sample);
    void Add(const ClientRecord& client);
    void Add(const SettingRecord& setting);
    void Add(const SynFloodRecord& flood);
    void Add(const MetricRecord& metric);

    /** Add() for every row of each of \p tables (vectors of the records above), in that order. */
    template <typename... Records>
    void AddAll(const std::vector<Records>&... tables)
    {
        (AddRows(tables), ...);
    }
    /** Add() for every row of \p rows. */
    template <typename Record>
    void AddRows(const std::vector<Record>& rows)
    {
        for (const auto& row : rows)
        {
            Add(row);
        }
    }
    /** The `runs` row's end_reason and work_done_seconds (RunEndRecord). */
    void SetRunEnd(const RunEndRecord& end);
    /** Marks the run complete, commits and renames the file into place. False (with error) if not. */
    bool Finish(double simulatedSeconds, std::string* error);

    const std::string& PartialPath() const;

    /**
     * Writes each table of the finished database at \p path as <directory>/<table>.csv (header
     * row, then one line per row; RFC 4180 quoting). Returns an error text, empty on success.
     */
    static std::string ExportCsv(const std::string& path, const std::string& directory);
    /** The tables ExportCsv writes, in its order. */
    static const std::vector<std::string>& CsvTables();

  private:
    ResultsDatabase(const std::string& path, sqlite3* db);
    bool Execute(const std::string& sql, std::string* error);
    sqlite3_stmt* Prepare(const char* sql);

    std::string m_path;
    std::string m_partialPath;
    sqlite3* m_db;
    int64_t m_runId{0};
    sqlite3_stmt* m_insertConnection{nullptr};
    sqlite3_stmt* m_insertTransaction{nullptr};
    sqlite3_stmt* m_insertSegment{nullptr};
    sqlite3_stmt* m_insertState{nullptr};
    sqlite3_stmt* m_insertDrop{nullptr};
    sqlite3_stmt* m_insertServer{nullptr};
    sqlite3_stmt* m_insertServerLoad{nullptr};
    sqlite3_stmt* m_insertClient{nullptr};
    sqlite3_stmt* m_insertSetting{nullptr};
};

} // namespace ns3

#endif // HANDSHAKE_RESULTS_DATABASE_H
