using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Alerts.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContractAndComplaintRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContractNumber",
                table: "SaleEntries",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoContract",
                table: "SaleEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "OutsideContract",
                table: "SaleEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Product",
                table: "SaleEntries",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "RegionVersion",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SeverityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SeverityEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstResponseBreachEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstResponseDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstResponseBreachState = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ResolutionBreachEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolutionDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolutionBreachState = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    AnsweredEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContractReminders",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysLeft = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractReminders", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "ProjectedContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Signed = table.Column<bool>(type: "INTEGER", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LatestVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AutoRenew = table.Column<bool>(type: "INTEGER", nullable: false),
                    RenewsContractId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectedContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectedContractVersions",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DistributionLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectedContractVersions", x => new { x.ContractId, x.Version });
                    table.ForeignKey(
                        name: "FK_ProjectedContractVersions_ProjectedContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "ProjectedContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerId",
                table: "Complaints",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReminders_CustomerId",
                table: "ContractReminders",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContracts_BranchId_ExpiresOn",
                table: "ProjectedContracts",
                columns: new[] { "BranchId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContracts_CustomerId",
                table: "ProjectedContracts",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContractVersions_DistributionLevel_EffectiveOn",
                table: "ProjectedContractVersions",
                columns: new[] { "DistributionLevel", "EffectiveOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropTable(
                name: "ContractReminders");

            migrationBuilder.DropTable(
                name: "ProjectedContractVersions");

            migrationBuilder.DropTable(
                name: "ProjectedContracts");

            migrationBuilder.DropColumn(
                name: "ContractNumber",
                table: "SaleEntries");

            migrationBuilder.DropColumn(
                name: "NoContract",
                table: "SaleEntries");

            migrationBuilder.DropColumn(
                name: "OutsideContract",
                table: "SaleEntries");

            migrationBuilder.DropColumn(
                name: "Product",
                table: "SaleEntries");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegionVersion",
                table: "Customers");
        }
    }
}
