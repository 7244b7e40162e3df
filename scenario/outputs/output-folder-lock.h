/*
 * One run per output folder. Two runs into one --out lost run A's results.sqlite to run B's while
 * A's summary.txt stayed (issue 23): a run now takes an advisory lock (flock) on
 * FOLDER/.handshake.lock before it writes anything there, and a second run is refused, naming the
 * holder. The kernel drops the lock when its holder exits, however it ends (kill -9 included), so
 * no stale lock is left to clear.
 */
#ifndef HANDSHAKE_OUTPUT_FOLDER_LOCK_H
#define HANDSHAKE_OUTPUT_FOLDER_LOCK_H

#include <string>

namespace ns3
{

class OutputFolderLock
{
  public:
    /** The lock file's name inside the folder. */
    static constexpr const char* FILE_NAME = ".handshake.lock";

    OutputFolderLock() = default;
    ~OutputFolderLock();
    OutputFolderLock(const OutputFolderLock&) = delete;
    OutputFolderLock& operator=(const OutputFolderLock&) = delete;

    /**
     * Takes the lock on the existing folder \p dir for \p program until this object is destroyed.
     * Returns "" or one line: the folder is in use (by "PROGRAM, pid N on HOST since TIME", as the
     * holder wrote it), or the lock file cannot be opened.
     */
    std::string Acquire(const std::string& dir, const std::string& program);

  private:
    int m_fd{-1};
};

} // namespace ns3

#endif // HANDSHAKE_OUTPUT_FOLDER_LOCK_H
