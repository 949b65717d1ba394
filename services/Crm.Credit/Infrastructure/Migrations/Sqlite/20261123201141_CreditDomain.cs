using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreditDomain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OwnerChangedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "Customers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProfileVersion",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Route",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScorecardAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScorecardId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScorecardScore",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Customers",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "active");

            migrationBuilder.AddColumn<long>(
                name: "StatusChangedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "BusinessPlans",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Support = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessPlans", x => new { x.CustomerId, x.Month, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditAccounts",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Balance = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    LimitChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditAccounts", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "CustomerGrades",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ModelVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<long>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Coefficient = table.Column<long>(type: "INTEGER", nullable: false),
                    MonthlyAverageSales = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousMonthlyAverageSales = table.Column<long>(type: "INTEGER", nullable: false),
                    OnTimeRate = table.Column<long>(type: "INTEGER", nullable: true),
                    ProposedLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousGrade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    PreviousScore = table.Column<long>(type: "INTEGER", nullable: true),
                    GradedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerGrades", x => new { x.CustomerId, x.Period });
                });

            migrationBuilder.CreateTable(
                name: "ExpenseMonths",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Spent = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpenseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Budget = table.Column<long>(type: "INTEGER", nullable: true),
                    BudgetNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BudgetVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BudgetSetBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpenseMonths", x => new { x.CustomerId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "Expenses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReversesExpenseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Expenses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradingModels",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingModels", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "GradingRuns",
                columns: table => new
                {
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    ModelVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Graded = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    RunAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingRuns", x => new { x.BranchId, x.Period });
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ReversesEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReversesNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BalanceAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LimitRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GradingPeriod = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    CurrentLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposedLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenForCustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AwaitingRole = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlanTargets",
                columns: table => new
                {
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", nullable: false),
                    PlanVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTargets", x => new { x.CustomerId, x.Month, x.PlanVersion, x.Line });
                    table.ForeignKey(
                        name: "FK_PlanTargets_BusinessPlans_CustomerId_Month_PlanVersion",
                        columns: x => new { x.CustomerId, x.Month, x.PlanVersion },
                        principalTable: "BusinessPlans",
                        principalColumns: new[] { "CustomerId", "Month", "Version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "GradingModels",
                columns: new[] { "Version", "CreatedAt", "CreatedBy", "Definition", "Note" },
                values: new object[] { 1, 639028224000000000L, "system", "{\"windowMonths\":12,\"salesTrend\":{\"maxPoints\":30,\"zeroAtRatio\":0.6,\"fullAtRatio\":1.1,\"ratioWithoutHistory\":1.0},\"onTime\":{\"maxPoints\":40,\"rateWhenNothingDue\":1.0},\"scorecard\":{\"maxPoints\":30,\"scoreWhenMissing\":60},\"complaints\":{\"enabled\":false,\"pointsPerComplaint\":5,\"maxDeduction\":20},\"bands\":{\"a\":90,\"b\":80,\"c\":70,\"d\":60},\"coefficients\":{\"a\":1.5,\"b\":1.2,\"c\":1.0,\"d\":0.5,\"e\":0},\"limitProposals\":{\"minimumRelativeChange\":0.10}}", "The built-in default: sales trend 30, on-time rate 40, scorecard 30; complaints not counted; limits proposed when they would move by more than 10 %." });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessPlans_BranchId_Month",
                table: "BusinessPlans",
                columns: new[] { "BranchId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerId_OpenedAt",
                table: "Complaints",
                columns: new[] { "CustomerId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditAccounts_BranchId",
                table: "CreditAccounts",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerGrades_BranchId_Period",
                table: "CustomerGrades",
                columns: new[] { "BranchId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseMonths_BranchId_Month",
                table: "ExpenseMonths",
                columns: new[] { "BranchId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Expenses_CustomerId_Month",
                table: "Expenses",
                columns: new[] { "CustomerId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Expenses_ReversesExpenseId",
                table: "Expenses",
                column: "ReversesExpenseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BranchId_CustomerId_Date",
                table: "LedgerEntries",
                columns: new[] { "BranchId", "CustomerId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BranchId_Date",
                table: "LedgerEntries",
                columns: new[] { "BranchId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_CustomerId_Number",
                table: "LedgerEntries",
                columns: new[] { "CustomerId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LimitRequests_BranchId_State_AwaitingRole",
                table: "LimitRequests",
                columns: new[] { "BranchId", "State", "AwaitingRole" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitRequests_CustomerId_RequestedAt",
                table: "LimitRequests",
                columns: new[] { "CustomerId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitRequests_OpenForCustomerId",
                table: "LimitRequests",
                column: "OpenForCustomerId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropTable(
                name: "CreditAccounts");

            migrationBuilder.DropTable(
                name: "CustomerGrades");

            migrationBuilder.DropTable(
                name: "ExpenseMonths");

            migrationBuilder.DropTable(
                name: "Expenses");

            migrationBuilder.DropTable(
                name: "GradingModels");

            migrationBuilder.DropTable(
                name: "GradingRuns");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "LimitRequests");

            migrationBuilder.DropTable(
                name: "PlanTargets");

            migrationBuilder.DropTable(
                name: "BusinessPlans");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerChangedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ProfileVersion",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Route",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScorecardAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScorecardId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScorecardScore",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "Customers");
        }
    }
}
