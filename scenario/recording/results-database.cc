#include "results-database.h"

#include "build-version.h"

#include "ns3/abort.h"

#include <cstdio>
#include <fstream>
#include <sqlite3.h>

namespace ns3
{

namespace
{

const char* g_schema = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, program TEXT, arguments TEXT, rng_run INTEGER, tcp TEXT,
  complete INTEGER NOT NULL DEFAULT 0, simulated_seconds REAL, end_reason TEXT,
  work_done_seconds REAL, handshake_version TEXT, ns3_version TEXT, events INTEGER);
CREATE TABLE settings (
  run_id INTEGER REFERENCES runs(id), name TEXT, value TEXT, source TEXT);
CREATE TABLE clients (
  run_id INTEGER REFERENCES runs(id), id INTEGER, address TEXT, server_address TEXT,
  access_delay_ms REAL, loss_rate REAL, loss_model TEXT, start REAL, pcap TEXT);
CREATE TABLE connections (
  run_id INTEGER REFERENCES runs(id), id INTEGER, client_address TEXT, client_port INTEGER,
  server_address TEXT, server_port INTEGER, syn_sent REAL, established REAL, fin_sent REAL,
  fin_received REAL, time_wait_entered REAL, closed REAL, final_state TEXT,
  retransmissions INTEGER, outcome TEXT NOT NULL, server_retransmissions INTEGER,
  state_source TEXT, open_at_end INTEGER, server_fin_sent REAL, server_time_wait_entered REAL,
  server_closed REAL, server_state_source TEXT, PRIMARY KEY (run_id, id));
CREATE TABLE transactions (
  run_id INTEGER REFERENCES runs(id), id INTEGER, connection_id INTEGER, client_address TEXT,
  method TEXT, path TEXT, status INTEGER, bytes INTEGER, connect_called REAL, established REAL,
  request_sent REAL, first_byte REAL, last_byte REAL, closed REAL, outcome TEXT NOT NULL,
  attempts INTEGER, first_connection_id INTEGER, dns_start REAL, dns_end REAL, dns_cached INTEGER,
  PRIMARY KEY (run_id, id));
CREATE TABLE segments (
  run_id INTEGER REFERENCES runs(id), connection_id INTEGER, time REAL, direction TEXT,
  flags TEXT, seq INTEGER, ack INTEGER, length INTEGER, state_before TEXT, state_after TEXT,
  state_source TEXT);
CREATE TABLE states (
  run_id INTEGER REFERENCES runs(id), connection_id INTEGER, side TEXT, time REAL,
  state_before TEXT, state_after TEXT, source TEXT);
CREATE TABLE drops (
  run_id INTEGER REFERENCES runs(id), connection_id INTEGER, time REAL, direction TEXT, rule TEXT,
  flags TEXT, seq INTEGER, ack INTEGER, length INTEGER);
CREATE TABLE servers (
  run_id INTEGER REFERENCES runs(id), id INTEGER, address TEXT, syns_received INTEGER,
  syn_queue_drops INTEGER, accept_queue_drops INTEGER, cookies_sent INTEGER,
  cookies_validated INTEGER, peak_half_open INTEGER, peak_connections INTEGER,
  half_open_at_end INTEGER, connections_at_end INTEGER, PRIMARY KEY (run_id, id));
CREATE TABLE server_load (
  run_id INTEGER REFERENCES runs(id), server_id INTEGER, time REAL, half_open INTEGER,
  connections INTEGER);
CREATE TABLE syn_flood (
  run_id INTEGER REFERENCES runs(id), target TEXT, rate REAL, start REAL, stop REAL,
  syns_sent INTEGER, replies_dropped INTEGER);
CREATE TABLE metrics (
  run_id INTEGER REFERENCES runs(id), name TEXT, value, unit TEXT, description TEXT,
  PRIMARY KEY (run_id, name));
)sql";

void
BindTime(sqlite3_stmt* statement, int index, const RecordTime& time)
{
    if (time)
    {
        sqlite3_bind_double(statement, index, *time);
    }
    else
    {
        sqlite3_bind_null(statement, index);
    }
}

void
BindCount(sqlite3_stmt* statement, int index, const std::optional<uint64_t>& count)
{
    if (count)
    {
        sqlite3_bind_int64(statement, index, static_cast<int64_t>(*count));
    }
    else
    {
        sqlite3_bind_null(statement, index);
    }
}

void
BindText(sqlite3_stmt* statement, int index, const std::string& text)
{
    sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void
Step(sqlite3* db, sqlite3_stmt* statement)
{
    int rc = sqlite3_step(statement);
    NS_ABORT_MSG_IF(rc != SQLITE_DONE, "results.sqlite: " << sqlite3_errmsg(db));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

} // namespace

std::unique_ptr<ResultsDatabase>
ResultsDatabase::Create(const std::string& path, std::string* error)
{
    std::string partial = path + ".partial";
    std::remove(partial.c_str());
    std::remove(path.c_str()); // an older complete file must not outlive a failed run
    sqlite3* db = nullptr;
    if (sqlite3_open(partial.c_str(), &db) != SQLITE_OK)
    {
        *error = "cannot create " + partial + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    std::unique_ptr<ResultsDatabase> database(new ResultsDatabase(path, db));
    // One transaction for the whole run: fast, and nothing is visible as committed before Finish.
    if (!database->Execute(std::string("PRAGMA journal_mode=MEMORY; BEGIN;") + g_schema, error))
    {
        return nullptr;
    }
    database->m_insertConnection = database->Prepare(
        "INSERT INTO connections VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    database->m_insertTransaction = database->Prepare(
        "INSERT INTO transactions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    database->m_insertSegment = database->Prepare(
        "INSERT INTO segments VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    database->m_insertState = database->Prepare("INSERT INTO states VALUES (?,?,?,?,?,?,?)");
    database->m_insertDrop = database->Prepare("INSERT INTO drops VALUES (?,?,?,?,?,?,?,?,?)");
    database->m_insertServer = database->Prepare(
        "INSERT INTO servers VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    database->m_insertServerLoad = database->Prepare("INSERT INTO server_load VALUES (?,?,?,?,?)");
    database->m_insertClient = database->Prepare("INSERT INTO clients VALUES (?,?,?,?,?,?,?,?,?)");
    database->m_insertSetting = database->Prepare("INSERT INTO settings VALUES (?,?,?,?)");
    return database;
}

ResultsDatabase::ResultsDatabase(const std::string& path, sqlite3* db)
    : m_path(path),
      m_partialPath(path + ".partial"),
      m_db(db)
{
}

ResultsDatabase::~ResultsDatabase()
{
    for (sqlite3_stmt* statement :
         {m_insertConnection, m_insertTransaction, m_insertSegment, m_insertState, m_insertDrop,
          m_insertServer, m_insertServerLoad, m_insertClient, m_insertSetting})
    {
        sqlite3_finalize(statement);
    }
    sqlite3_close(m_db); // uncommitted work is rolled back: the .partial file shows no complete run
}

bool
ResultsDatabase::Execute(const std::string& sql, std::string* error)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
    {
        *error = std::string("results.sqlite: ") + (message ? message : "unknown error");
        sqlite3_free(message);
        return false;
    }
    return true;
}

sqlite3_stmt*
ResultsDatabase::Prepare(const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr);
    NS_ABORT_MSG_IF(rc != SQLITE_OK, "results.sqlite: " << sqlite3_errmsg(m_db));
    return statement;
}

void
ResultsDatabase::BeginRun(const RunRecord& run)
{
    sqlite3_stmt* statement =
        Prepare("INSERT INTO runs (program, arguments, rng_run, tcp, handshake_version, ns3_version) "
                "VALUES (?,?,?,?,?,?)");
    BindText(statement, 1, run.program);
    BindText(statement, 2, run.arguments);
    sqlite3_bind_int64(statement, 3, run.rngRun);
    BindText(statement, 4, run.tcp);
    BindText(statement, 5, run.handshakeVersion.empty() ? BuildVersion::Handshake() : run.handshakeVersion);
    BindText(statement, 6, run.ns3Version.empty() ? BuildVersion::Ns3() : run.ns3Version);
    Step(m_db, statement);
    sqlite3_finalize(statement);
    m_runId = sqlite3_last_insert_rowid(m_db);
}

void
ResultsDatabase::Add(const ConnectionRecord& c)
{
    sqlite3_stmt* s = m_insertConnection;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(c.id));
    BindText(s, 3, c.clientAddress);
    sqlite3_bind_int(s, 4, c.clientPort);
    BindText(s, 5, c.serverAddress);
    sqlite3_bind_int(s, 6, c.serverPort);
    BindTime(s, 7, c.synSent);
    BindTime(s, 8, c.established);
    BindTime(s, 9, c.finSent);
    BindTime(s, 10, c.finReceived);
    BindTime(s, 11, c.timeWaitEntered);
    BindTime(s, 12, c.closed);
    BindText(s, 13, c.finalState);
    sqlite3_bind_int64(s, 14, c.retransmissions);
    BindText(s, 15, c.outcome);
    sqlite3_bind_int64(s, 16, c.serverRetransmissions);
    BindText(s, 17, c.stateSource);
    sqlite3_bind_int(s, 18, c.openAtEnd ? 1 : 0);
    BindTime(s, 19, c.serverFinSent);
    BindTime(s, 20, c.serverTimeWaitEntered);
    BindTime(s, 21, c.serverClosed);
    BindText(s, 22, c.serverStateSource);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const TransactionRecord& t)
{
    sqlite3_stmt* s = m_insertTransaction;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(t.id));
    sqlite3_bind_int64(s, 3, static_cast<int64_t>(t.connectionId));
    BindText(s, 4, t.clientAddress);
    BindText(s, 5, t.method);
    BindText(s, 6, t.path);
    sqlite3_bind_int(s, 7, t.status);
    sqlite3_bind_int64(s, 8, static_cast<int64_t>(t.bytes));
    BindTime(s, 9, t.connectCalled);
    BindTime(s, 10, t.established);
    BindTime(s, 11, t.requestSent);
    BindTime(s, 12, t.firstByte);
    BindTime(s, 13, t.lastByte);
    BindTime(s, 14, t.closed);
    BindText(s, 15, t.outcome);
    sqlite3_bind_int64(s, 16, t.attempts);
    sqlite3_bind_int64(s, 17, static_cast<int64_t>(t.firstConnectionId));
    BindTime(s, 18, t.dnsStart);
    BindTime(s, 19, t.dnsEnd);
    if (t.dnsStart)
    {
        sqlite3_bind_int(s, 20, t.dnsCached ? 1 : 0);
    }
    else
    {
        sqlite3_bind_null(s, 20); // no lookup: the client connected to an address
    }
    Step(m_db, s);
}

void
ResultsDatabase::Add(const SegmentRecord& g)
{
    sqlite3_stmt* s = m_insertSegment;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(g.connectionId));
    sqlite3_bind_double(s, 3, g.time);
    BindText(s, 4, g.direction);
    BindText(s, 5, g.flags);
    sqlite3_bind_int64(s, 6, g.seq);
    sqlite3_bind_int64(s, 7, g.ack);
    sqlite3_bind_int64(s, 8, g.length);
    BindText(s, 9, g.stateBefore);
    BindText(s, 10, g.stateAfter);
    BindText(s, 11, g.stateSource);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const StateRecord& r)
{
    sqlite3_stmt* s = m_insertState;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(r.connectionId));
    BindText(s, 3, r.side);
    sqlite3_bind_double(s, 4, r.time);
    BindText(s, 5, r.from);
    BindText(s, 6, r.to);
    BindText(s, 7, r.source);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const DropRecord& d)
{
    sqlite3_stmt* s = m_insertDrop;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(d.connectionId));
    sqlite3_bind_double(s, 3, d.time);
    BindText(s, 4, d.direction);
    BindText(s, 5, d.rule);
    BindText(s, 6, d.flags);
    sqlite3_bind_int64(s, 7, d.seq);
    sqlite3_bind_int64(s, 8, d.ack);
    sqlite3_bind_int64(s, 9, d.length);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const ServerRecord& r)
{
    sqlite3_stmt* s = m_insertServer;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(r.id));
    BindText(s, 3, r.address);
    sqlite3_bind_int64(s, 4, static_cast<int64_t>(r.synsReceived));
    BindCount(s, 5, r.synQueueDrops);
    BindCount(s, 6, r.acceptQueueDrops);
    BindCount(s, 7, r.cookiesSent);
    BindCount(s, 8, r.cookiesValidated);
    sqlite3_bind_int64(s, 9, r.peakHalfOpen);
    sqlite3_bind_int64(s, 10, r.peakConnections);
    sqlite3_bind_int64(s, 11, r.halfOpenAtEnd);
    sqlite3_bind_int64(s, 12, r.connectionsAtEnd);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const ClientRecord& r)
{
    sqlite3_stmt* s = m_insertClient;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(r.index));
    BindText(s, 3, r.address);
    BindText(s, 4, r.serverAddress);
    sqlite3_bind_double(s, 5, r.accessDelayMs);
    sqlite3_bind_double(s, 6, r.lossRate);
    BindText(s, 7, r.lossModel);
    sqlite3_bind_double(s, 8, r.start);
    BindText(s, 9, r.pcap);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const SettingRecord& r)
{
    sqlite3_stmt* s = m_insertSetting;
    sqlite3_bind_int64(s, 1, m_runId);
    BindText(s, 2, r.name);
    BindText(s, 3, r.value);
    BindText(s, 4, r.source);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const ServerLoadSample& sample)
{
    sqlite3_stmt* s = m_insertServerLoad;
    sqlite3_bind_int64(s, 1, m_runId);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(sample.serverId));
    sqlite3_bind_double(s, 3, sample.time);
    sqlite3_bind_int64(s, 4, sample.halfOpen);
    sqlite3_bind_int64(s, 5, sample.connections);
    Step(m_db, s);
}

void
ResultsDatabase::Add(const SynFloodRecord& flood)
{
    sqlite3_stmt* s = Prepare("INSERT INTO syn_flood VALUES (?,?,?,?,?,?,?)");
    sqlite3_bind_int64(s, 1, m_runId);
    BindText(s, 2, flood.target);
    sqlite3_bind_double(s, 3, flood.rate);
    sqlite3_bind_double(s, 4, flood.start);
    BindTime(s, 5, flood.stop);
    sqlite3_bind_int64(s, 6, static_cast<int64_t>(flood.synsSent));
    sqlite3_bind_int64(s, 7, static_cast<int64_t>(flood.repliesDropped));
    Step(m_db, s);
    sqlite3_finalize(s);
}

void
ResultsDatabase::Add(const MetricRecord& metric)
{
    // `value` has no declared type: counts stay INTEGER and times REAL, as they were bound.
    sqlite3_stmt* s = Prepare("INSERT INTO metrics VALUES (?,?,?,?,?)");
    sqlite3_bind_int64(s, 1, m_runId);
    BindText(s, 2, metric.name);
    if (!metric.value)
    {
        sqlite3_bind_null(s, 3);
    }
    else if (metric.count)
    {
        sqlite3_bind_int64(s, 3, static_cast<int64_t>(*metric.value));
    }
    else
    {
        sqlite3_bind_double(s, 3, *metric.value);
    }
    BindText(s, 4, metric.unit);
    BindText(s, 5, metric.description);
    Step(m_db, s);
    sqlite3_finalize(s);
}

void
ResultsDatabase::SetRunEnd(const RunEndRecord& end)
{
    sqlite3_stmt* s = Prepare("UPDATE runs SET end_reason = ?, work_done_seconds = ?, events = ? WHERE id = ?");
    BindText(s, 1, end.reason);
    BindTime(s, 2, end.workDone);
    if (end.events)
    {
        sqlite3_bind_int64(s, 3, static_cast<int64_t>(*end.events));
    }
    else
    {
        sqlite3_bind_null(s, 3);
    }
    sqlite3_bind_int64(s, 4, m_runId);
    Step(m_db, s);
    sqlite3_finalize(s);
}

bool
ResultsDatabase::Finish(double simulatedSeconds, std::string* error)
{
    std::string sql = "UPDATE runs SET complete = 1, simulated_seconds = " +
                      std::to_string(simulatedSeconds) + " WHERE id = " + std::to_string(m_runId) +
                      "; COMMIT;";
    if (!Execute(sql, error))
    {
        return false;
    }
    if (std::rename(m_partialPath.c_str(), m_path.c_str()) != 0)
    {
        *error = "cannot rename " + m_partialPath + " to " + m_path;
        return false;
    }
    return true;
}

const std::string&
ResultsDatabase::PartialPath() const
{
    return m_partialPath;
}

} // namespace ns3

namespace ns3
{

namespace
{

std::string
CsvField(const unsigned char* text)
{
    if (!text)
    {
        return "";
    }
    std::string value(reinterpret_cast<const char*>(text));
    if (value.find_first_of(",\"\n\r") == std::string::npos)
    {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

} // namespace

const std::vector<std::string>&
ResultsDatabase::CsvTables()
{
    static const std::vector<std::string> tables{"runs", "settings", "clients", "connections",
                                                 "transactions", "segments", "states", "drops",
                                                 "servers", "server_load", "syn_flood", "metrics"};
    return tables;
}

std::string
ResultsDatabase::ExportCsv(const std::string& path, const std::string& directory)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    {
        sqlite3_close(db);
        return "cannot open " + path;
    }
    std::string error;
    for (const std::string& table : CsvTables())
    {
        std::string file = directory + "/" + table + ".csv";
        std::ofstream out(file);
        sqlite3_stmt* statement = nullptr;
        std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
        if (!out || sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        {
            error = "cannot write " + file;
            sqlite3_finalize(statement);
            break;
        }
        int columns = sqlite3_column_count(statement);
        for (int i = 0; i < columns; ++i)
        {
            out << (i ? "," : "") << sqlite3_column_name(statement, i);
        }
        out << "\n";
        while (sqlite3_step(statement) == SQLITE_ROW)
        {
            for (int i = 0; i < columns; ++i)
            {
                out << (i ? "," : "") << CsvField(sqlite3_column_text(statement, i));
            }
            out << "\n";
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return error;
}

} // namespace ns3
