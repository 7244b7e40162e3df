/* Runs handshake-sim (or another program) from a test and reads what it wrote. */
#ifndef HANDSHAKE_TEST_SIM_PROGRAM_H
#define HANDSHAKE_TEST_SIM_PROGRAM_H

#include <cstdint>
#include <string>
#include <vector>

namespace handshake::test
{

class SimProgram
{
  public:
    /** Runs \p binary with \p flags, output to \p log; returns the exit code (-1 if it crashed). */
    static int Run(const std::string& binary, const std::string& flags, const std::string& log);
    /** A path under the test temp dir named after \p name, removed if it existed. */
    static std::string FreshDir(const std::string& name);
    /** The *.pcap files in \p dir, sorted. */
    static std::vector<std::string> Pcaps(const std::string& dir);
    static std::string ReadFile(const std::string& path);
    /** The first column of the first row of \p sql on the SQLite file \p path; -1 on error. */
    static int64_t QueryInt(const std::string& path, const std::string& sql);
    /** Every row of \p sql as text, one line per row, columns separated by '|'. */
    static std::string QueryRows(const std::string& path, const std::string& sql);

    /**
     * Runs \p binary (handshake-sim) with \p flags and --out= a FreshDir(\p name); expects exit
     * code 0 (its log in the failure message). Returns the path of the results.sqlite it wrote.
     */
    static std::string RunForResults(const std::string& binary,
                                     const std::string& name,
                                     const std::string& flags);
    /**
     * Expects the complete run in \p db to have recorded exactly \p requests requests, each with
     * one outcome and linked to a recorded connection, every connection with one outcome, and to
     * have ended before its 600 s limit (issue [hardening]: the counts add up).
     */
    static void ExpectEveryOutcomeRecorded(const std::string& db, int64_t requests);
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_SIM_PROGRAM_H
