using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ContractTermsCreditNotesComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "LedgerEntries",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(10)",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<Guid>(
                name: "ContractId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractNumber",
                table: "LedgerEntries",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContractVersion",
                table: "LedgerEntries",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CreditsEntryId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreditsNumber",
                table: "LedgerEntries",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DueDateFromContract",
                table: "LedgerEntries",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OutsideContract",
                table: "LedgerEntries",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RebateContractId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RebateDate",
                table: "LedgerEntries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RebateReversed",
                table: "LedgerEntries",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReturnId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SaleId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Complaints",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Complaints",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "Complaints",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "Complaints",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RootCause",
                table: "Complaints",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Severity",
                table: "Complaints",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

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

            migrationBuilder.UpdateData(
                table: "GradingModels",
                keyColumn: "Version",
                keyValue: 1,
                column: "Definition",
                value: "{\"windowMonths\":12,\"salesTrend\":{\"maxPoints\":30,\"zeroAtRatio\":0.6,\"fullAtRatio\":1.1,\"ratioWithoutHistory\":1.0},\"onTime\":{\"maxPoints\":40,\"rateWhenNothingDue\":1.0},\"scorecard\":{\"maxPoints\":30,\"scoreWhenMissing\":60},\"complaints\":{\"enabled\":false,\"pointsPerComplaint\":5,\"maxDeduction\":20,\"qualityWeight\":1,\"counting\":\"since-scorecard\"},\"bands\":{\"a\":90,\"b\":80,\"c\":70,\"d\":60},\"coefficients\":{\"a\":1.5,\"b\":1.2,\"c\":1.0,\"d\":0.5,\"e\":0},\"limitProposals\":{\"minimumRelativeChange\":0.10}}");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ContractId_Date",
                table: "LedgerEntries",
                columns: new[] { "ContractId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_CreditsEntryId",
                table: "LedgerEntries",
                column: "CreditsEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_RebateContractId_RebateDate",
                table: "LedgerEntries",
                columns: new[] { "RebateContractId", "RebateDate" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReturnId",
                table: "LedgerEntries",
                column: "ReturnId",
                unique: true,
                filter: "[ReturnId] IS NOT NULL");

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

            // Complaints feed grading: the built-in model with complaints on becomes the next version (v2 unless someone saved
            // one before), so grades given by earlier versions stay explained by them (docs/decisions/credit-grading-model.md).
            migrationBuilder.Sql("INSERT INTO [GradingModels] ([Version], [CreatedAt], [CreatedBy], [Definition], [Note]) SELECT MAX([Version]) + 1, '2026-11-29T00:00:00+00:00', N'system', N'{\"windowMonths\":12,\"salesTrend\":{\"maxPoints\":30,\"zeroAtRatio\":0.6,\"fullAtRatio\":1.1,\"ratioWithoutHistory\":1.0},\"onTime\":{\"maxPoints\":40,\"rateWhenNothingDue\":1.0},\"scorecard\":{\"maxPoints\":30,\"scoreWhenMissing\":60},\"complaints\":{\"enabled\":true,\"pointsPerComplaint\":2.5,\"maxDeduction\":15,\"qualityWeight\":2,\"counting\":\"window\"},\"bands\":{\"a\":90,\"b\":80,\"c\":70,\"d\":60},\"coefficients\":{\"a\":1.5,\"b\":1.2,\"c\":1.0,\"d\":0.5,\"e\":0},\"limitProposals\":{\"minimumRelativeChange\":0.10}}', N'Complaints turned on: complaints opened in the period graded, a quality complaint counting twice, 2.5 points off each, at most 15; otherwise as v1.' FROM [GradingModels];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM [GradingModels] WHERE [CreatedBy] = N'system' AND [Note] = N'Complaints turned on: complaints opened in the period graded, a quality complaint counting twice, 2.5 points off each, at most 15; otherwise as v1.';");

            migrationBuilder.DropTable(
                name: "ProjectedContractVersions");

            migrationBuilder.DropTable(
                name: "ProjectedContracts");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ContractId_Date",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_CreditsEntryId",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_RebateContractId_RebateDate",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ReturnId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ContractNumber",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ContractVersion",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "CreditsEntryId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "CreditsNumber",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "DueDateFromContract",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "OutsideContract",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "RebateContractId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "RebateDate",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "RebateReversed",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ReturnId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "SaleId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RootCause",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "Complaints");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "LedgerEntries",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(20)",
                oldMaxLength: 20);

            migrationBuilder.UpdateData(
                table: "GradingModels",
                keyColumn: "Version",
                keyValue: 1,
                column: "Definition",
                value: "{\"windowMonths\":12,\"salesTrend\":{\"maxPoints\":30,\"zeroAtRatio\":0.6,\"fullAtRatio\":1.1,\"ratioWithoutHistory\":1.0},\"onTime\":{\"maxPoints\":40,\"rateWhenNothingDue\":1.0},\"scorecard\":{\"maxPoints\":30,\"scoreWhenMissing\":60},\"complaints\":{\"enabled\":false,\"pointsPerComplaint\":5,\"maxDeduction\":20},\"bands\":{\"a\":90,\"b\":80,\"c\":70,\"d\":60},\"coefficients\":{\"a\":1.5,\"b\":1.2,\"c\":1.0,\"d\":0.5,\"e\":0},\"limitProposals\":{\"minimumRelativeChange\":0.10}}");
        }
    }
}
