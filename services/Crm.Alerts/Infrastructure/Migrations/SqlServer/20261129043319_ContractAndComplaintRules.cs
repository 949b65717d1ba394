using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Alerts.Infrastructure.Migrations.SqlServer
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
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoContract",
                table: "SaleEntries",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "OutsideContract",
                table: "SaleEntries",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Product",
                table: "SaleEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "RegionVersion",
                table: "Customers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SeverityAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SeverityEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FirstResponseBreachEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FirstResponseDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FirstResponseBreachState = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    ResolutionBreachEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ResolutionDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolutionBreachState = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    AnsweredEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolvedEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContractReminders",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Number = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysLeft = table.Column<int>(type: "int", nullable: false),
                    EventId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractReminders", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "ProjectedContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Signed = table.Column<bool>(type: "bit", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LatestVersion = table.Column<int>(type: "int", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AutoRenew = table.Column<bool>(type: "bit", nullable: false),
                    RenewsContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectedContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectedContractVersions",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DistributionLevel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TermsJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
