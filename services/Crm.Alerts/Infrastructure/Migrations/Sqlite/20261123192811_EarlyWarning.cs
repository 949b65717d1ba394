using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Alerts.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EarlyWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "RegisteredAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "AccountAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AccountEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Balance",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreditLimit",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Customers",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GradeAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GradeEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradePeriod",
                table: "Customers",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastContactAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LastContactEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastContactOn",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LastPurchaseEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastPurchaseOn",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NameVersion",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OwnerAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousGrade",
                table: "Customers",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RegisteredEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Customers",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "StatusAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StatusEventId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UsualPurchaseIntervalDays",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RuleVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Thresholds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssigneeRole = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Escalated = table.Column<bool>(type: "INTEGER", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedAutomatically = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExpenseMonths",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Budget = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpenseMonths", x => new { x.CustomerId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => new { x.CustomerId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "RuleSettings",
                columns: table => new
                {
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Thresholds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EscalateAfterHours = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalationAssigneeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSettings", x => new { x.BranchId, x.Rule });
                });

            migrationBuilder.CreateTable(
                name: "RuleSettingsRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Thresholds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EscalateAfterHours = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalationAssigneeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSettingsRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SaleEntries",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ReversesEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SaleEntries", x => x.EntryId);
                });

            migrationBuilder.CreateTable(
                name: "AlertEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ObservedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertEvidence_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AlertTimeline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertTimeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertTimeline_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertEvidence_AlertId",
                table: "AlertEvidence",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_BranchId_State_RaisedAt",
                table: "Alerts",
                columns: new[] { "BranchId", "State", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_CustomerId_Rule_RaisedAt",
                table: "Alerts",
                columns: new[] { "CustomerId", "Rule", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_OneOpenPerCustomerAndRule",
                table: "Alerts",
                columns: new[] { "CustomerId", "Rule" },
                unique: true,
                filter: "\"State\" <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "IX_AlertTimeline_AlertId",
                table: "AlertTimeline",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSettingsRevisions_BranchId_Rule_Version",
                table: "RuleSettingsRevisions",
                columns: new[] { "BranchId", "Rule", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SaleEntries_CustomerId_Date",
                table: "SaleEntries",
                columns: new[] { "CustomerId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SaleEntries_ReversesEntryId",
                table: "SaleEntries",
                column: "ReversesEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertEvidence");

            migrationBuilder.DropTable(
                name: "AlertTimeline");

            migrationBuilder.DropTable(
                name: "ExpenseMonths");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "RuleSettings");

            migrationBuilder.DropTable(
                name: "RuleSettingsRevisions");

            migrationBuilder.DropTable(
                name: "SaleEntries");

            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropColumn(
                name: "AccountAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AccountEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Balance",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CreditLimit",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradeAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradeEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradePeriod",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastContactAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastContactEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastContactOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastPurchaseEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastPurchaseOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NameVersion",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PreviousGrade",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegisteredEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StatusAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StatusEventId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "UsualPurchaseIntervalDays",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Customers");

            migrationBuilder.AlterColumn<long>(
                name: "RegisteredAt",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
