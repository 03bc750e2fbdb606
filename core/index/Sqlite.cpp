#include "index/Sqlite.h"

#include "util/Error.h"

#include <sqlite3.h>

namespace ms {

SqliteDb::SqliteDb(const std::string& path, Mode mode) : mPath(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    if (sqlite3_open_v2(path.c_str(), &mDb, flags, nullptr) != SQLITE_OK) {
        const std::string message = mDb ? sqlite3_errmsg(mDb) : "out of memory";
        sqlite3_close(mDb);
        mDb = nullptr;
        throw Error(path + ": cannot open the index database (" + message + ")");
    }
    // A writer holds the write lock for one batch at most; readers never block in WAL mode.
    sqlite3_busy_timeout(mDb, 60000);
}

SqliteDb::~SqliteDb() { sqlite3_close(mDb); }

void SqliteDb::fail(const std::string& what) const {
    throw Error(mPath + ": " + what + " (" + sqlite3_errmsg(mDb) + ")");
}

void SqliteDb::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(mDb, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error(mPath + ": database error in \"" + sql.substr(0, 60) + "\" (" + text + ")");
    }
}

SqliteStatement SqliteDb::prepare(const std::string& sql) { return SqliteStatement(*this, sql); }

int64_t SqliteDb::queryInt(const std::string& sql, int64_t fallback) {
    SqliteStatement s(*this, sql);
    if (!s.step() || s.isNull(0)) return fallback;
    return s.columnInt(0);
}

int64_t SqliteDb::changes() const { return sqlite3_changes64(mDb); }

SqliteStatement::SqliteStatement(SqliteDb& db, const std::string& sql) : mDb(&db) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &mStmt, nullptr) != SQLITE_OK)
        db.fail("cannot prepare \"" + sql.substr(0, 60) + "\"");
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(mStmt); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : mDb(other.mDb), mStmt(other.mStmt) {
    other.mStmt = nullptr;
}

SqliteStatement& SqliteStatement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(mStmt, index, value) != SQLITE_OK) mDb->fail("cannot bind a value");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
    if (sqlite3_bind_double(mStmt, index, value) != SQLITE_OK) mDb->fail("cannot bind a value");
    return *this;
}

SqliteStatement& SqliteStatement::bindText(int index, const std::string& value) {
    if (sqlite3_bind_text(mStmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        mDb->fail("cannot bind a value");
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const std::string& bytes) {
    // An empty blob must still be a blob (not NULL): zeroblob(0) is.
    const int rc = bytes.empty() ? sqlite3_bind_zeroblob(mStmt, index, 0)
                                 : sqlite3_bind_blob(mStmt, index, bytes.data(), static_cast<int>(bytes.size()),
                                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) mDb->fail("cannot bind a value");
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
    if (sqlite3_bind_null(mStmt, index) != SQLITE_OK) mDb->fail("cannot bind a value");
    return *this;
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    mDb->fail("database query failed");
}

void SqliteStatement::run() {
    while (step()) {
    }
    reset();
}

void SqliteStatement::reset() { sqlite3_reset(mStmt); }

int64_t SqliteStatement::columnInt(int col) const { return sqlite3_column_int64(mStmt, col); }

double SqliteStatement::columnDouble(int col) const { return sqlite3_column_double(mStmt, col); }

std::string SqliteStatement::columnText(int col) const {
    const auto* text = sqlite3_column_text(mStmt, col);
    const int n = sqlite3_column_bytes(mStmt, col);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(n)) : std::string();
}

std::string SqliteStatement::columnBlob(int col) const {
    const void* data = sqlite3_column_blob(mStmt, col);
    const int n = sqlite3_column_bytes(mStmt, col);
    return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(n)) : std::string();
}

bool SqliteStatement::isNull(int col) const { return sqlite3_column_type(mStmt, col) == SQLITE_NULL; }

SqliteTransaction::SqliteTransaction(SqliteDb& db, Kind kind) : mDb(db) {
    mDb.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

SqliteTransaction::~SqliteTransaction() {
    if (!mDone) sqlite3_exec(mDb.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
    mDb.exec("COMMIT");
    mDone = true;
}

}  // namespace ms
