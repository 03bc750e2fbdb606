#pragma once
// A thin RAII layer over the SQLite C API for the index database: a connection, prepared
// statements with typed binds and columns, and an IMMEDIATE transaction guard. Every failure
// throws ms::Error naming the database file and SQLite's message.

#include <cstdint>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace ms {

class SqliteStatement;

// One connection. Not thread-safe: one thread at a time (callers hold a mutex).
class SqliteDb {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };
    SqliteDb(const std::string& path, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    void exec(const std::string& sql);
    SqliteStatement prepare(const std::string& sql);
    // A single value of a one-row query, or `fallback` when it returns no row or NULL.
    int64_t queryInt(const std::string& sql, int64_t fallback = 0);
    // Rows changed by the last INSERT/UPDATE/DELETE.
    int64_t changes() const;

    const std::string& path() const { return mPath; }
    sqlite3* handle() const { return mDb; }
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::string mPath;
    sqlite3* mDb = nullptr;
};

// A prepared statement. Bind indexes count from 1, column indexes from 0.
class SqliteStatement {
public:
    SqliteStatement(SqliteDb& db, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&&) = delete;
    SqliteStatement(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, int64_t value);
    SqliteStatement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bindText(int index, const std::string& value);
    SqliteStatement& bindBlob(int index, const std::string& bytes);  // paths: raw bytes
    SqliteStatement& bindNull(int index);

    bool step();  // true while a row is available
    void run();   // steps a statement that returns no rows, then resets it
    void reset(); // ready to run again (bindings are kept)

    int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;
    std::string columnBlob(int col) const;
    bool isNull(int col) const;

private:
    SqliteDb* mDb;
    sqlite3_stmt* mStmt = nullptr;
};

// BEGIN IMMEDIATE (a writer) or BEGIN (a reader's consistent snapshot) ... COMMIT; rolls
// back when destroyed uncommitted (an exception).
class SqliteTransaction {
public:
    enum class Kind { Write, Read };
    explicit SqliteTransaction(SqliteDb& db, Kind kind = Kind::Write);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDb& mDb;
    bool mDone = false;
};

}  // namespace ms
