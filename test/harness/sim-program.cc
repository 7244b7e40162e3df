#include "sim-program.h"

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

namespace handshake::test
{

int
SimProgram::Run(const std::string& binary, const std::string& flags, const std::string& log)
{
    std::string command = binary + " " + flags + " >" + log + " 2>&1";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string
SimProgram::FreshDir(const std::string& name)
{
    // Per process: several checkouts may run these tests at once on one machine.
    std::string dir =
        testing::TempDir() + "handshake-sim-test-" + std::to_string(getpid()) + "-" + name;
    std::system(("rm -rf '" + dir + "'").c_str());
    return dir;
}

std::vector<std::string>
SimProgram::Pcaps(const std::string& dir)
{
    std::vector<std::string> files;
    if (DIR* d = opendir(dir.c_str()))
    {
        while (dirent* entry = readdir(d))
        {
            std::string name = entry->d_name;
            if (name.size() > 5 && name.substr(name.size() - 5) == ".pcap")
            {
                files.push_back(dir + "/" + name);
            }
        }
        closedir(d);
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string
SimProgram::ReadFile(const std::string& path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int64_t
SimProgram::QueryInt(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    int64_t value = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW)
        {
            value = sqlite3_column_int64(statement, 0);
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return value;
}

} // namespace handshake::test

namespace handshake::test
{

std::string
SimProgram::QueryRows(const std::string& path, const std::string& sql)
{
    std::string rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK)
        {
            while (sqlite3_step(statement) == SQLITE_ROW)
            {
                for (int i = 0; i < sqlite3_column_count(statement); ++i)
                {
                    const unsigned char* text = sqlite3_column_text(statement, i);
                    rows += (i ? "|" : "") +
                            std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
                }
                rows += "\n";
            }
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return rows;
}

std::string
SimProgram::RunForResults(const std::string& binary,
                          const std::string& name,
                          const std::string& flags)
{
    std::string out = FreshDir(name);
    EXPECT_EQ(Run(binary, flags + " --out=" + out, out + ".log"), 0) << ReadFile(out + ".log");
    return out + "/results.sqlite";
}

void
SimProgram::ExpectEveryOutcomeRecorded(const std::string& db, int64_t requests)
{
    EXPECT_EQ(QueryInt(db, "SELECT complete FROM runs"), 1);
    EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM transactions"), requests);
    EXPECT_EQ(QueryInt(db,
                       "SELECT COUNT(*) FROM transactions WHERE outcome IN ('ok', "
                       "'connect-failed', 'reset', 'timeout', 'bad-response', "
                       "'body-mismatch', 'unfinished', 'dns-failed')"),
              requests);
    EXPECT_EQ(QueryInt(db,
                       "SELECT COUNT(*) FROM connections WHERE outcome NOT IN ('closed', "
                       "'reset', 'timeout', 'refused', 'unfinished')"),
              0);
    EXPECT_EQ(QueryInt(db,
                       "SELECT COUNT(*) FROM transactions t JOIN connections c ON c.id = "
                       "t.connection_id"),
              requests)
        << "each request links to a recorded connection";
    EXPECT_EQ(QueryInt(db, "SELECT simulated_seconds < 600 FROM runs"), 1)
        << "ended before its limit";
}

} // namespace handshake::test
