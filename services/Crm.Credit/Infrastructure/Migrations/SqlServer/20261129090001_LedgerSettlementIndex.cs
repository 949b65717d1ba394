using Crm.Credit.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.SqlServer
{
    /// <summary>
    /// The covering index of the grading gather (客户等级评估): every column it reads from the ledger, in the order it
    /// reads them, so a run's pass over a branch's ledger reads the index alone. Written by hand, not in the EF model:
    /// it spans columns of the ledger's derived types (a sale's DueDate, a credit note's CreditsNumber), which an index
    /// of the base type cannot name. The model (and its snapshot) are unchanged.
    /// </summary>
    [DbContext(typeof(SqlServerCreditDbContext))]
    [Migration("20261129090001_LedgerSettlementIndex")]
    public partial class LedgerSettlementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX [IX_LedgerEntries_Settlement] ON [LedgerEntries] ([BranchId], [CustomerId], [Date]) INCLUDE ([Number], [Kind], [Amount], [DueDate], [ReversesNumber], [CreditsNumber]);");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX [IX_LedgerEntries_Settlement] ON [LedgerEntries];");
    }
}
