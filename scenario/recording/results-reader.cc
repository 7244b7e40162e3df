#include "results-reader.h"

#include <sqlite3.h>

#include <functional>
#include <variant>

namespace ns3
{

namespace
{

/** Runs \p sql with \p key bound to its one parameter (a row id, a text, or none) and calls \p row
 *  for each row. */
void
Query(sqlite3* db,
      const char* sql,
      const std::variant<std::monostate, int64_t, std::string>& key,
      const std::function<void(sqlite3_stmt*)>& row)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
    {
        return;
    }
    if (const int64_t* id = std::get_if<int64_t>(&key))
    {
        sqlite3_bind_int64(statement, 1, *id);
    }
    else if (const std::string* text = std::get_if<std::string>(&key))
    {
        sqlite3_bind_text(statement, 1, text->c_str(), -1, SQLITE_TRANSIENT);
    }
    while (sqlite3_step(statement) == SQLITE_ROW)
    {
        row(statement);
    }
    sqlite3_finalize(statement);
}

std::string
Text(sqlite3_stmt* s, int column)
{
    const unsigned char* text = sqlite3_column_text(s, column);
    return text ? reinterpret_cast<const char*>(text) : "";
}

RecordTime
Time(sqlite3_stmt* s, int column)
{
    return sqlite3_column_type(s, column) == SQLITE_NULL ? RecordTime() : RecordTime(sqlite3_column_double(s, column));
}

} // namespace

std::unique_ptr<ResultsReader>
ResultsReader::Open(const std::string& path, std::string* error)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    {
        *error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    std::unique_ptr<ResultsReader> reader(new ResultsReader(db));
    int complete = -1;
    Query(db, "SELECT complete FROM runs", std::monostate(),
          [&complete](sqlite3_stmt* s) { complete = sqlite3_column_int(s, 0); });
    if (complete != 1)
    {
        *error = path + " is not the results of a complete run";
        return nullptr;
    }
    return reader;
}

ResultsReader::ResultsReader(sqlite3* db)
    : m_db(db)
{
}

ResultsReader::~ResultsReader()
{
    sqlite3_close(m_db);
}

std::optional<ConnectionRecord>
ResultsReader::Connection(uint64_t id) const
{
    std::optional<ConnectionRecord> found;
    Query(m_db,
          "SELECT id, client_address, client_port, server_address, server_port, syn_sent, established, "
          "fin_sent, fin_received, time_wait_entered, closed, final_state, retransmissions, outcome, "
          "server_retransmissions, state_source, open_at_end, server_fin_sent, server_time_wait_entered, "
          "server_closed, server_state_source FROM connections WHERE id = ?",
          int64_t(id), [&found](sqlite3_stmt* s) {
              ConnectionRecord c;
              c.id = sqlite3_column_int64(s, 0);
              c.clientAddress = Text(s, 1);
              c.clientPort = uint16_t(sqlite3_column_int(s, 2));
              c.serverAddress = Text(s, 3);
              c.serverPort = uint16_t(sqlite3_column_int(s, 4));
              c.synSent = Time(s, 5);
              c.established = Time(s, 6);
              c.finSent = Time(s, 7);
              c.finReceived = Time(s, 8);
              c.timeWaitEntered = Time(s, 9);
              c.closed = Time(s, 10);
              c.finalState = Text(s, 11);
              c.retransmissions = uint32_t(sqlite3_column_int64(s, 12));
              c.outcome = Text(s, 13);
              c.serverRetransmissions = uint32_t(sqlite3_column_int64(s, 14));
              c.stateSource = Text(s, 15);
              c.openAtEnd = sqlite3_column_int(s, 16) != 0;
              c.serverFinSent = Time(s, 17);
              c.serverTimeWaitEntered = Time(s, 18);
              c.serverClosed = Time(s, 19);
              c.serverStateSource = Text(s, 20);
              found = c;
          });
    return found;
}

std::vector<SegmentRecord>
ResultsReader::Segments(uint64_t connection) const
{
    std::vector<SegmentRecord> rows;
    Query(m_db,
          "SELECT connection_id, time, direction, flags, seq, ack, length, state_before, state_after, "
          "state_source FROM segments WHERE connection_id = ? ORDER BY rowid",
          int64_t(connection), [&rows](sqlite3_stmt* s) {
              rows.push_back({uint64_t(sqlite3_column_int64(s, 0)), sqlite3_column_double(s, 1), Text(s, 2),
                              Text(s, 3), uint32_t(sqlite3_column_int64(s, 4)),
                              uint32_t(sqlite3_column_int64(s, 5)), uint32_t(sqlite3_column_int64(s, 6)),
                              Text(s, 7), Text(s, 8), Text(s, 9)});
          });
    return rows;
}

std::vector<StateRecord>
ResultsReader::States(uint64_t connection) const
{
    std::vector<StateRecord> rows;
    Query(m_db,
          "SELECT connection_id, side, time, state_before, state_after, source FROM states "
          "WHERE connection_id = ? ORDER BY rowid",
          int64_t(connection), [&rows](sqlite3_stmt* s) {
              rows.push_back({uint64_t(sqlite3_column_int64(s, 0)), Text(s, 1), sqlite3_column_double(s, 2),
                              Text(s, 3), Text(s, 4), Text(s, 5)});
          });
    return rows;
}

std::vector<DropRecord>
ResultsReader::Drops(uint64_t connection) const
{
    std::vector<DropRecord> rows;
    Query(m_db,
          "SELECT connection_id, time, direction, rule, flags, seq, ack, length FROM drops "
          "WHERE connection_id = ? ORDER BY rowid",
          int64_t(connection), [&rows](sqlite3_stmt* s) {
              rows.push_back({uint64_t(sqlite3_column_int64(s, 0)), sqlite3_column_double(s, 1), Text(s, 2),
                              Text(s, 3), Text(s, 4), uint32_t(sqlite3_column_int64(s, 5)),
                              uint32_t(sqlite3_column_int64(s, 6)), uint32_t(sqlite3_column_int64(s, 7))});
          });
    return rows;
}

std::optional<TransactionRecord>
ResultsReader::DnsOpener(uint64_t connection) const
{
    std::optional<TransactionRecord> opener;
    Query(m_db,
          "SELECT id, dns_start, dns_end, dns_cached FROM transactions WHERE first_connection_id = ? AND "
          "dns_start IS NOT NULL ORDER BY rowid LIMIT 1",
          int64_t(connection), [&opener, connection](sqlite3_stmt* s) {
              TransactionRecord t;
              t.id = uint64_t(sqlite3_column_int64(s, 0));
              t.firstConnectionId = connection;
              t.dnsStart = Time(s, 1);
              t.dnsEnd = Time(s, 2);
              t.dnsCached = sqlite3_column_int(s, 3) != 0;
              opener = t;
          });
    return opener;
}

std::string
ResultsReader::ClientPcap(const std::string& address) const
{
    std::string pcap;
    Query(m_db, "SELECT pcap FROM clients WHERE address = ?", address,
          [&pcap](sqlite3_stmt* s) { pcap = Text(s, 0); });
    return pcap;
}

std::optional<uint64_t>
ResultsReader::ServerId(const std::string& address) const
{
    std::optional<uint64_t> id;
    Query(m_db, "SELECT id FROM servers WHERE address = ?", address,
          [&id](sqlite3_stmt* s) { id = uint64_t(sqlite3_column_int64(s, 0)); });
    return id;
}

std::string
ResultsReader::RunTitle() const
{
    std::string title;
    Query(m_db, "SELECT program, rng_run, tcp FROM runs", std::monostate(), [&title](sqlite3_stmt* s) {
        title = Text(s, 0) + ", tcp=" + Text(s, 2) + ", RngRun " + std::to_string(sqlite3_column_int64(s, 1));
    });
    return title;
}

} // namespace ns3
